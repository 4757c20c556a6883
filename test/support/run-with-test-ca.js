// Runs a Node script (jest, a benchmark) with the test certificate trusted — the local Graph server
// and token authority speak HTTPS, as the real ones do — and without restify's known deprecation
// warning. Node reads NODE_EXTRA_CA_CERTS only at start-up, so it is set here, before the script starts.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('Användning: node test/support/run-with-test-ca.js <skript> [argument …]');
  process.exit(2);
}
const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(__dirname, 'tls', 'localhost-cert.pem') };
const result = spawnSync(process.execPath, ['--disable-warning=DEP0111', script, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
