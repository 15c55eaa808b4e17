#!/usr/bin/env bash
# Starts a private Postfix + Dovecot on loopback high ports, for tests. Usage: start.sh DIR [PORT_BASE]
# Writes DIR/mta.env with the ports, accounts and certificate fingerprint; mail is captured in DIR/mail/all/Maildir.
set -euo pipefail

dir=$(realpath -m "${1:?usage: start.sh DIR [PORT_BASE]}")
base=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)

for tool in postfix postconf dovecot openssl; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin:/sbin"
  command -v "$tool" >/dev/null || { echo "start.sh: '$tool' is missing; run tests/install.sh as root (apt-get install postfix dovecot-core dovecot-imapd dovecot-pop3d openssl)" >&2; exit 3; }
done
[ "$(id -u)" -eq 0 ] || { echo "start.sh: Postfix and Dovecot must be started as root" >&2; exit 3; }

submission=$((base + 587)); smtps=$((base + 465)); tlsonly=$((base + 588)); noauth=$((base + 589)); imap=$((base + 143)); pop3=$((base + 110))
# The tests' OAuth2 authorization server listens here; Dovecot asks it whether a token is active.
oauth=$((base + 80))

# One instance per port base: an earlier run that was killed before it could stop its MTA is stopped now.
marker="/tmp/mailrouting-mta-$base.dir"
[ -f "$marker" ] && "$here/stop.sh" "$(cat "$marker")"
"$here/stop.sh" "$dir"
rm -rf "$dir"
echo "$dir" > "$marker"
mkdir -p "$dir"/{postfix,dovecot,queue,data,mail,imap}
chown -R nobody:nogroup "$dir/mail" "$dir/imap"
chown postfix "$dir/data"
chmod 755 "$dir"

# The names a client may check it by: localhost and the loopback address the harness listens on.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
chmod 644 "$dir/tls.crt"; chmod 640 "$dir/tls.key"
fingerprint=$(openssl x509 -in "$dir/tls.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)

# Accounts (Dovecot passwd-file, plain passwords so CRAM-MD5 works) and who may send as what.
cat > "$dir/users" <<USERS
agent@acme.test:{PLAIN}agent-secret-1
support@acme.test:{PLAIN}support-secret-2
sales@acme.test:{PLAIN}sales-secret-3
relay@acme.test:{PLAIN}relay-secret-4
USERS
chmod 644 "$dir/users"
{
  echo "@customer.test mail/all/Maildir/"
  for account in agent support sales relay; do echo "$account@acme.test imap/$account@acme.test/"; done
} > "$dir/postfix/mailboxes"
# Tests add "address 450 ..." lines here (then "postfix reload") to make Postfix answer a temporary failure.
: > "$dir/postfix/sender_access"
cat > "$dir/postfix/sender_logins" <<LOGINS
agent@acme.test agent@acme.test
support@acme.test support@acme.test
sales@acme.test sales@acme.test
relay@acme.test relay@acme.test
@brand.test relay@acme.test
LOGINS

# XOAUTH2 / OAUTHBEARER: Dovecot introspects the token (as the client "dovecot") and signs in the account in "sub".
cat > "$dir/dovecot/oauth2.conf" <<OAUTH
introspection_mode = post
introspection_url = http://dovecot:dovecot-secret-8@127.0.0.1:$oauth/connect/introspect
username_attribute = sub
active_attribute = active
active_value = true
force_introspection = yes
OAUTH
chmod 644 "$dir/dovecot/oauth2.conf"

cat > "$dir/dovecot/dovecot.conf" <<CONF
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/state
log_path = $dir/dovecot.log
instance_name = mailrouting-tests-$base
protocols = imap pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 xoauth2 oauthbearer
# Tests sign in wrongly on purpose; Dovecot would otherwise delay every later sign-in from 127.0.0.1 (up to 15 s).
auth_failure_delay = 0
mail_location = maildir:$dir/imap/%u
first_valid_uid = 1
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/dovecot/oauth2.conf
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$dir/imap/%u
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $pop3
  }
  inet_listener pop3s {
    port = 0
  }
}
CONF

# Postfix only starts an instance whose directory the system main.cf lists.
touch /etc/postfix/main.cf
# Earlier runs' folders that are gone are dropped, so the list does not grow run after run.
kept=""
for entry in $(postconf -h alternate_config_directories 2>/dev/null | tr ',' ' '); do
  [ -d "$entry" ] && [ "$entry" != "$dir/postfix" ] && kept="$kept $entry"
done
postconf -e "alternate_config_directories =$kept $dir/postfix"

cat > "$dir/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
myhostname = mta.mailrouting.test
mydomain = mailrouting.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
smtpd_banner = \$myhostname ESMTP MailRouting test MTA
smtpd_tls_cert_file = $dir/tls.crt
smtpd_tls_key_file = $dir/tls.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/dovecot/run/auth-postfix
smtpd_sender_login_maps = texthash:$dir/postfix/sender_logins
smtpd_sender_restrictions = check_sender_access texthash:$dir/postfix/sender_access, reject_sender_login_mismatch
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# customer.test takes any address (one Maildir for all); acme.test's accounts get Dovecot's mailboxes, so a bounce
# reaches the sender's INBOX; gone.test has no mailbox at all: mail to it is accepted, then bounced.
virtual_mailbox_domains = customer.test, acme.test, gone.test
virtual_mailbox_base = $dir
virtual_mailbox_maps = texthash:$dir/postfix/mailboxes
smtpd_reject_unlisted_recipient = no
recipient_delimiter = +
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
message_size_limit = 10240000
anvil_rate_time_unit = 60s
smtpd_client_connection_rate_limit = 0
CONF

# The usual internal services, unchrooted so absolute paths work; port 25 is left alone.
cat > "$dir/postfix/master.cf" <<CONF
pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
proxywrite unix - - n -     1 proxymap
smtp      unix  - - n -     - smtp
relay     unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
local     unix  - n n -     - local
virtual   unix  - n n -     - virtual
lmtp      unix  - - n -     - lmtp
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
cat >> "$dir/postfix/master.cf" <<CONF
127.0.0.1:$submission inet n - n - - smtpd
127.0.0.1:$smtps inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
127.0.0.1:$tlsonly inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
127.0.0.1:$noauth inet n - n - - smtpd
  -o smtpd_sasl_auth_enable=no
CONF

# Daemons must not inherit the caller's pipes, or a caller reading our output to the end never finishes.
dovecot -c "$dir/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1
postfix -c "$dir/postfix" check >/dev/null 2>&1 || true
postfix -c "$dir/postfix" start </dev/null >/dev/null 2>"$dir/postfix-start.log" || { cat "$dir/postfix-start.log" >&2; exit 4; }

for port in $submission $smtps $tlsonly $noauth $imap; do
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "start.sh: nothing listens on 127.0.0.1:$port; see $dir/maillog and $dir/dovecot.log" >&2; exit 5; }
done
[ -S "$dir/dovecot/run/auth-postfix" ] || { echo "start.sh: Dovecot's auth socket is missing; see $dir/dovecot.log" >&2; exit 5; }

cat > "$dir/mta.env" <<ENV
MTA_DIR=$dir
MTA_HOST=127.0.0.1
MTA_SUBMISSION_PORT=$submission
MTA_SMTPS_PORT=$smtps
MTA_TLS_REQUIRED_PORT=$tlsonly
MTA_NO_AUTH_PORT=$noauth
MTA_IMAP_PORT=$imap
MTA_POP3_PORT=$pop3
MTA_OAUTH_PORT=$oauth
MTA_CERT_SHA256=$fingerprint
MTA_CERT_FILE=$dir/tls.crt
MTA_MAILDIR=$dir/mail/all/Maildir
MTA_MAILLOG=$dir/maillog
ENV
echo "MTA started in $dir (submission $submission, smtps $smtps, imap $imap)"
