import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/config/config';

// From the repository, so that compiled copies (benchmarks in dist/) find the same files.
const dir = path.join(projectRoot(), 'test', 'support', 'tls');

/** The test-only certificate for localhost (see README.md beside it). */
export const TEST_TLS = {
  key: readFileSync(path.join(dir, 'localhost-key.pem')),
  cert: readFileSync(path.join(dir, 'localhost-cert.pem')),
  certFile: path.join(dir, 'localhost-cert.pem'),
};

/** Fails early, with the fix, when a suite needs the test certificate trusted but the process does not trust it. */
export function assertTestCertificateTrusted(): void {
  if (process.env.NODE_EXTRA_CA_CERTS !== TEST_TLS.certFile) {
    throw new Error(
      'Den lokala Graph-servern använder HTTPS med testcertifikatet. Kör via npm-skripten (npm test, npm run test:contract) ' +
        'eller sätt NODE_EXTRA_CA_CERTS=test/support/tls/localhost-cert.pem.',
    );
  }
}
