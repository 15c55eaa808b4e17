<?php
// PHPMailer with SMTPKeepAlive (Debian's libphp-phpmailer), as xentral sends: one connection, STARTTLS + AUTH PLAIN.
// Usage: php phpmailer-keepalive.php HOST PORT USER PASSWORD COUNT RUN_ID
// Prints one JSON line: {"sent": N, "seconds": S}. The harness certificate is self-signed, so it is not verified here.
require '/usr/share/php/libphp-phpmailer/autoload.php';

use PHPMailer\PHPMailer\PHPMailer;

[, $host, $port, $user, $password, $count, $run] = $argv;
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
$mail->SMTPOptions = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]];
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
echo json_encode(['sent' => (int) $count, 'seconds' => (hrtime(true) - $started) / 1e9]), "\n";
