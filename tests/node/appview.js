// A real Bluesky AppView (@atproto/bsky) on 127.0.0.1, for tests. It follows the
// firehose of a running PDS (tests/node/pds.js) into a throwaway PostgreSQL cluster,
// so app.bsky.feed.getPosts answers with the counts the real AppView computes.
// Environment: THREADSMITH_PDS_URL and THREADSMITH_PLC_URL (http://127.0.0.1:PORT),
// THREADSMITH_PG_BIN (the folder holding initdb and postgres).
// Prints one JSON line {"appview": URL, "control": URL} when ready; stops on SIGTERM
// or when stdin closes. GET {control}/synced?did=DID&rev=REV answers once the AppView
// has indexed that repo up to that revision, like and repost counts included.
'use strict';
const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

// The AppView, its data plane and its bsync mock all call listen(port): loopback only.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};

process.env.LOG_ENABLED = 'false';
const bsky = require('@atproto/bsky');
// Not dependencies of ours: take the very copies @atproto/bsky uses.
const fromBsky = require('module').createRequire(require.resolve('@atproto/bsky'));
const { Secp256k1Keypair } = fromBsky('@atproto/crypto');
const { Client: PlcClient } = fromBsky('@did-plc/lib');

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

// PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
function postgresUser() {
  if (process.getuid() !== 0) return {};
  const id = (flag) => Number(childProcess.execFileSync('id', [flag, 'postgres']).toString());
  return { uid: id('-u'), gid: id('-g') };
}

function hasSetpriv() {
  return childProcess.spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function startPostgres(bin) {
  const user = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadsmith-pg-'));
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const initdb = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'];
  childProcess.execFileSync(path.join(bin, 'initdb'), initdb, {
    ...user,
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // No TCP at all: the only way in is the socket in our own 0700 folder. A test
  // database needs no durability, so nothing waits for the disk.
  const args = ['-D', data, '-c', 'listen_addresses=', '-c', `unix_socket_directories=${dir}`,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const postgres = path.join(bin, 'postgres');
  // setpriv --pdeathsig: the server goes when this process does, even after kill -9.
  const [command, argv] = hasSetpriv()
    ? ['setpriv', ['--pdeathsig', 'INT', '--', postgres, ...args]]
    : [postgres, args];
  const server = childProcess.spawn(command, argv, { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise((resolve, reject) => {
    server.stderr.on('data', (chunk) => {
      log = (log + chunk).slice(-4000);
      if (log.includes('ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', resolve);
      server.kill('SIGINT'); // PostgreSQL's "fast" shutdown
    });
  return { url: `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}`, dir, stop };
}

// The AppView checks a handle by DNS or HTTPS; test handles (.test) live only in the
// local PDS, so ask it, never the network.
function resolveHandlesWith(idResolver, pdsUrl) {
  idResolver.handle.resolve = async (handle) => {
    const url = new URL('/xrpc/com.atproto.identity.resolveHandle', pdsUrl);
    url.searchParams.set('handle', handle);
    const response = await fetch(url);
    return response.ok ? (await response.json()).did : undefined;
  };
}

// DID documents name the PDS http://localhost:PORT; it listens on 127.0.0.1 only.
function loopbackDidDocuments(idResolver) {
  const resolveNoCache = idResolver.did.resolveNoCache.bind(idResolver.did);
  idResolver.did.resolveNoCache = async (did) => {
    const doc = await resolveNoCache(did);
    for (const service of doc?.service ?? []) {
      if (typeof service.serviceEndpoint === 'string') {
        service.serviceEndpoint = service.serviceEndpoint.replace('//localhost:', '//127.0.0.1:');
      }
    }
    return doc;
  };
}

async function startAppView(pgUrl, plcUrl, pdsUrl) {
  const migrator = new bsky.Database({ url: pgUrl, schema: 'bsky' });
  await migrator.migrateToLatestOrThrow();
  await migrator.close();
  const db = new bsky.Database({ url: pgUrl, schema: 'bsky', poolSize: 10 });
  const dataplanePort = await freePort();
  const dataplane = await bsky.DataPlaneServer.create(db, dataplanePort, plcUrl);
  const bsyncPort = await freePort();
  const bsync = await bsky.MockBsync.create(db, bsyncPort);

  // The AppView's own identity, registered with the local PLC directory.
  const key = await Secp256k1Keypair.create();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const serverDid = await new PlcClient(plcUrl).createDid({
    signingKey: key.did(), rotationKeys: [key.did()], handle: 'appview.test', pds: url, signer: key,
  });
  const config = new bsky.ServerConfig({
    version: '0.0.0', port, publicUrl: url, serverDid, alternateAudienceDids: [],
    didPlcUrl: plcUrl,
    dataplaneUrls: [`http://127.0.0.1:${dataplanePort}`], dataplaneHttpVersion: '1.1',
    bsyncUrl: `http://127.0.0.1:${bsyncPort}`, bsyncHttpVersion: '1.1',
    modServiceDid: 'did:example:no-moderation', labelsFromIssuerDids: [],
    adminPasswords: [crypto.randomBytes(32).toString('hex')], etcdHosts: [],
    bigThreadUris: new Set(), maxThreadParents: 50, disableSsrfProtection: true,
    searchTagsHide: new Set(), threadTagsBumpDown: new Set(), threadTagsHide: new Set(),
    visibilityTagHide: '', visibilityTagRankPrefix: '', debugFieldAllowedDids: new Set(),
    draftsLimit: 500,
  });
  const appview = bsky.BskyAppView.create({ config, signingKey: key });
  for (const idResolver of [appview.ctx.idResolver, dataplane.idResolver]) {
    resolveHandlesWith(idResolver, pdsUrl);
    loopbackDidDocuments(idResolver);
  }
  await appview.start();
  const subscription = new bsky.RepoSubscription({
    service: pdsUrl.replace(/^http/, 'ws'), db, idResolver: dataplane.idResolver,
  });
  subscription.start(); // from the first event the PDS ever sequenced
  const stop = async () => {
    await subscription.destroy();
    await appview.destroy();
    await bsync.destroy();
    await dataplane.destroy();
    await db.close();
  };
  return { url, db, subscription, stop };
}

// Waits (at most `timeout` ms) until repo `did` is indexed at `rev` or later, then
// until the indexer's queues drain: counts are updated in a background queue.
async function synced(query, db, subscription) {
  const did = query.get('did');
  const rev = query.get('rev');
  const timeout = Number(query.get('timeout') || 30000);
  if (!did || !rev) throw Object.assign(new Error('did and rev are required'), { status: 400 });
  const deadline = Date.now() + timeout;
  for (;;) {
    const row = await db.db.selectFrom('actor_sync').select('repoRev').where('did', '=', did).executeTakeFirst();
    if (row?.repoRev && row.repoRev >= rev) break; // revisions are TIDs: they sort as text
    if (Date.now() > deadline) {
      const at = row?.repoRev ?? 'nothing';
      throw Object.assign(new Error(`${did} not indexed at ${rev} within ${timeout} ms (at ${at})`), { status: 504 });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await subscription.processAll();
  return { did, rev };
}

function controlServer(appview) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const answer = url.pathname === '/synced'
      ? synced(url.searchParams, appview.db, appview.subscription)
      : Promise.reject(Object.assign(new Error('not found'), { status: 404 }));
    answer
      .then((body) => [200, body], (error) => [error.status || 500, { error: String(error.message || error) }])
      .then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
  });
}

async function main() {
  const { THREADSMITH_PDS_URL: pdsUrl, THREADSMITH_PLC_URL: plcUrl, THREADSMITH_PG_BIN: pgBin } = process.env;
  if (!pdsUrl || !plcUrl || !pgBin) {
    throw new Error('THREADSMITH_PDS_URL, THREADSMITH_PLC_URL and THREADSMITH_PG_BIN are required');
  }
  const pg = await startPostgres(pgBin);
  let appview;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (appview) await appview.stop();
    await pg.stop();
    fs.rmSync(pg.dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop); // the test process died: do not outlive it
  process.stdin.resume();
  try {
    appview = await startAppView(pg.url, plcUrl, pdsUrl);
  } catch (error) {
    await pg.stop();
    fs.rmSync(pg.dir, { recursive: true, force: true });
    throw error;
  }
  const control = controlServer(appview);
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${control.address().port}`;
  process.stdout.write(JSON.stringify({ appview: appview.url, control: controlUrl }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`appview.js: ${error.stack || error}\n`);
  process.exit(1);
});
