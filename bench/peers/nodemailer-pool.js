// nodemailer's pooled SMTP transport, as a Node.js CRM would send: one pool, STARTTLS + AUTH PLAIN.
// Usage: node nodemailer-pool.js HOST PORT USER PASSWORD COUNT CONNECTIONS RUN_ID
// Prints one JSON line: {"sent": N, "seconds": S}. The harness certificate is self-signed, so it is not verified here.
const nodemailer = require("nodemailer");
const body = require("fs").readFileSync(__dirname + "/body.txt", "utf8");

const [host, port, user, pass, count, connections, run] = process.argv.slice(2);
const transport = nodemailer.createTransport({
  pool: true,
  host,
  port: Number(port),
  secure: false,
  requireTLS: true,
  auth: { user, pass },
  maxConnections: Number(connections),
  maxMessages: Infinity,
  tls: { rejectUnauthorized: false },
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
  console.log(JSON.stringify({ sent: sends.length, seconds }));
}

main().catch((error) => { console.error(error.message); process.exit(1); });
