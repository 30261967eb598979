#include "source/mail_message.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

const char kForwarded[] =
    "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@supplier.example>\r\n"
    "To: receiving@quai.example\r\n"
    "Subject: =?UTF-8?B?TGllZmVyc2NoZWluIMOcYmVyc2ljaHQ=?=\r\n"
    "Date: Tue, 03 Mar 2026 14:05:09 +0100\r\n"
    "Message-ID: <abc.123@supplier.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
    "\r\n"
    "--outer\r\n"
    "Content-Type: multipart/related; boundary=\"rel\"\r\n"
    "\r\n"
    "--rel\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>see attached</p>\r\n"
    "--rel\r\n"
    "Content-Type: image/png\r\n"
    "Content-ID: <logo>\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "--rel--\r\n"
    "--outer\r\n"
    "Content-Type: application/pdf\r\n"
    "Content-Disposition: attachment; filename*=UTF-8''Lieferschein%20%C3%9Cbersicht.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--outer\r\n"
    "Content-Type: text/x-vcard; name=\"card.vcf\"\r\n"
    "Content-Disposition: attachment; filename=\"card.vcf\"\r\n"
    "\r\n"
    "BEGIN:VCARD\r\nEND:VCARD\r\n"
    "--outer\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "From: other@supplier.example\r\n"
    "Subject: inner\r\n"
    "Content-Type: multipart/mixed; boundary=\"inner\"\r\n"
    "\r\n"
    "--inner\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "inner text\r\n"
    "--inner\r\n"
    "Content-Type: application/octet-stream; name=\"=?ISO-8859-1?Q?Zertifikat_=C4.pdf?=\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjcK\r\n"
    "--inner--\r\n"
    "--outer\r\n"
    "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
    "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n"
    "\r\n"
    "xx\r\n"
    "--outer--\r\n";

TEST(MailMessage, ReadsHeadersAndEveryFileIncludingForwardedMails) {
  auto mail = ParseMailMessage(kForwarded);
  ASSERT_TRUE(mail.ok()) << mail.status().message();
  EXPECT_EQ(mail->message_id, "abc.123@supplier.example");
  EXPECT_EQ(mail->subject, "Lieferschein \xC3\x9C" "bersicht");
  EXPECT_NE(mail->sender.find("J\xC3\xBCrgen M\xC3\xBCller"), std::string::npos) << mail->sender;
  EXPECT_NE(mail->sender.find("jm@supplier.example"), std::string::npos);
  EXPECT_EQ(mail->date, "2026-03-03T13:05:09Z");
  ASSERT_EQ(mail->parts.size(), 5u);
  EXPECT_TRUE(mail->parts[0].inline_image);
  EXPECT_EQ(mail->parts[0].bytes, std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(mail->parts[1].filename, "Lieferschein \xC3\x9C" "bersicht.pdf");
  EXPECT_TRUE(mail->parts[1].attachment);
  EXPECT_EQ(mail->parts[1].bytes, "%PDF-1.4\n");
  EXPECT_EQ(mail->parts[2].filename, "card.vcf");
  EXPECT_FALSE(MailPartMayBeDocument(mail->parts[2]));
  EXPECT_EQ(mail->parts[3].filename, "Zertifikat \xC3\x84.pdf");
  EXPECT_EQ(mail->parts[3].bytes, "%PDF-1.7\n");
  EXPECT_TRUE(MailPartMayBeDocument(mail->parts[3]));
  EXPECT_EQ(mail->parts[4].filename, "winmail.dat");
  EXPECT_FALSE(MailPartMayBeDocument(mail->parts[4]));
}

TEST(MailMessage, TextAttachmentsAreNotDocumentsButXmlInvoicesAre) {
  EXPECT_FALSE(MailPartMayBeDocument({"notes.txt", "text/plain", true, false, "x"}));
  EXPECT_FALSE(MailPartMayBeDocument({"smime.p7s", "application/pkcs7-signature", true, false, "x"}));
  EXPECT_TRUE(MailPartMayBeDocument({"invoice.xml", "text/xml", true, false, "<x/>"}));
  EXPECT_TRUE(MailPartMayBeDocument({"scan.tif", "image/tiff", true, false, "x"}));
}

TEST(MailMessage, AMailWithoutHeadersStillParsesWithNothingInIt) {
  auto mail = ParseMailMessage("just words\r\n");
  if (mail.ok()) {
    EXPECT_TRUE(mail->parts.empty());
  }
}

}  // namespace
}  // namespace quai
