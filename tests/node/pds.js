// A real Bluesky PDS with its PLC directory, on 127.0.0.1 only, for tests.
// Prints one JSON line {"pds": URL, "plc": URL} when ready; stops on SIGTERM.
// THREADSMITH_PDS_RATE_LIMITS=1 switches the PDS's own rate limits on.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { PlcServer, Database } = require('@did-plc/server');
const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds');

// Both servers call app.listen(port): make that listen on loopback only.
function loopbackOnly(app) {
  const listen = app.listen.bind(app);
  app.listen = (port, ...rest) => listen(port, '127.0.0.1', ...rest);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const secret = () => crypto.randomBytes(32).toString('hex');

async function main() {
  const plcPort = await freePort();
  const plc = PlcServer.create({ db: Database.mock(), port: plcPort });
  loopbackOnly(plc.app);
  await plc.start();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadsmith-pds-'));
  const port = await freePort();
  Object.assign(process.env, {
    PDS_HOSTNAME: 'localhost',
    PDS_PORT: String(port),
    PDS_DATA_DIRECTORY: dataDir,
    PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
    PDS_REPO_SIGNING_KEY_K256_PRIVATE_KEY_HEX: secret(),
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: secret(),
    PDS_DPOP_SECRET: secret(),
    PDS_JWT_SECRET: secret(),
    PDS_ADMIN_PASSWORD: secret(),
    PDS_DID_PLC_URL: `http://127.0.0.1:${plcPort}`,
    PDS_DEV_MODE: 'true',
    PDS_INVITE_REQUIRED: 'false',
    PDS_RATE_LIMITS_ENABLED: process.env.THREADSMITH_PDS_RATE_LIMITS === '1' ? 'true' : 'false',
    LOG_ENABLED: 'false',
  });
  const env = readEnv();
  const pds = await PDS.create(envToCfg(env), envToSecrets(env));
  loopbackOnly(pds.app);
  await pds.start();
  process.stdout.write(
    JSON.stringify({ pds: `http://127.0.0.1:${port}`, plc: `http://127.0.0.1:${plcPort}` }) + '\n',
  );

  const stop = async () => {
    await pds.destroy();
    await plc.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop); // the test process died: do not outlive it
  process.stdin.resume();
}

main().catch((error) => {
  process.stderr.write(`pds.js: ${error.stack || error}\n`);
  process.exit(1);
});
