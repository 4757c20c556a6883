import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './teams-host';

void connectHost().then((host) => {
  createRoot(document.getElementById('root')!).render(<App host={host} />);
});
