// Runs jest with the test certificate trusted (the local Graph server and token authority speak
// HTTPS, as the real ones do) and without restify's known deprecation warning. Node reads
// NODE_EXTRA_CA_CERTS only at start-up, so it is set here, before jest and its workers start.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(__dirname, 'tls', 'localhost-cert.pem') };
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, ['--disable-warning=DEP0111', jest, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
