<?php
// PHPMailer with SMTPKeepAlive (Debian's libphp-phpmailer), as xentral sends: one connection, STARTTLS + AUTH PLAIN,
// certificate checked. "shipped" uses PHPMailer's socket as it comes; "nodelay" sets the stream's tcp_nodelay option,
// which turns off Nagle's algorithm (otherwise each message waits for a delayed ACK on loopback).
// Usage: php phpmailer-keepalive.php HOST PORT USER PASSWORD COUNT RUN_ID CA_FILE shipped|nodelay
// Prints one JSON line: {"sent": N, "seconds": S, "version": V}.
require '/usr/share/php/libphp-phpmailer/autoload.php';

use PHPMailer\PHPMailer\PHPMailer;

[, $host, $port, $user, $password, $count, $run, $caFile, $socket] = $argv;
$body = file_get_contents(__DIR__ . '/body.txt');

$mail = new PHPMailer(true);
$mail->isSMTP();
$mail->Host = $host;
$mail->Port = (int) $port;
$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAuth = true;
$mail->AuthType = 'PLAIN';
$mail->Username = $user;
$mail->Password = $password;
$mail->SMTPKeepAlive = true;
$options = ['ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $caFile, 'allow_self_signed' => false]];
if ($socket === 'nodelay') {
    $options['socket'] = ['tcp_nodelay' => true];
}
$mail->SMTPOptions = $options;
$mail->CharSet = 'UTF-8';

$started = hrtime(true);
for ($i = 0; $i < (int) $count; $i++) {
    $mail->clearAddresses();
    $mail->setFrom($user, 'Acme Support');
    $mail->addAddress("$run-$i@customer.test");
    $mail->Subject = "Your ticket $i";
    $mail->Body = $body;
    $mail->send();
}
$mail->smtpClose();
echo json_encode(['sent' => (int) $count, 'seconds' => (hrtime(true) - $started) / 1e9, 'version' => PHPMailer::VERSION]), "\n";
