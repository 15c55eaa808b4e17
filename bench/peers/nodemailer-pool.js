// nodemailer's pooled SMTP transport, as a Node.js CRM would send: one pool, STARTTLS + AUTH PLAIN, certificate checked.
// Usage: node nodemailer-pool.js HOST PORT USER PASSWORD COUNT CONNECTIONS RUN_ID CA_FILE
// Prints one JSON line: {"sent": N, "seconds": S, "version": V}. The harness certificate is self-signed, so it is trusted
// as its own certificate authority, as the app trusts it by its fingerprint.
const fs = require("fs");
const nodemailer = require("nodemailer");
const body = fs.readFileSync(__dirname + "/body.txt", "utf8");

const [host, port, user, pass, count, connections, run, caFile] = process.argv.slice(2);
const transport = nodemailer.createTransport({
  pool: true,
  host,
  port: Number(port),
  secure: false,
  requireTLS: true,
  auth: { user, pass },
  maxConnections: Number(connections),
  maxMessages: Infinity,
  tls: { ca: [fs.readFileSync(caFile)], rejectUnauthorized: true },
});

async function main() {
  const started = process.hrtime.bigint();
  const sends = [];
  for (let i = 0; i < Number(count); i++) {
    sends.push(transport.sendMail({
      from: `Acme Support <${user}>`,
      to: `${run}-${i}@customer.test`,
      subject: `Your ticket ${i}`,
      text: body,
    }));
  }
  await Promise.all(sends);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transport.close();
  console.log(JSON.stringify({ sent: sends.length, seconds, version: require("nodemailer/package.json").version }));
}

main().catch((error) => { console.error(error.message); process.exit(1); });
