// MailMessage: a mail as quai needs it — who sent it, when, its subject and
// Message-ID, and the parts that may be documents — read with GMime from the
// RFC 5322 bytes the server gave. Attachments nested in forwarded mails
// (message/rfc822) are found too; file names are decoded (RFC 2047 and 2231).
// Plain values; ParseMailMessage may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

// One leaf part of a mail that has a file name or is not text.
struct MailPart {
  std::string filename;      // decoded; "" when the part has none
  std::string content_type;  // "application/pdf", lowercase
  bool attachment = false;   // Content-Disposition: attachment
  bool inline_image = false;  // an image shown in the text (no attachment disposition)
  std::string bytes;         // the decoded content
};

struct MailMessage {
  std::string message_id;  // without < >; "" when the mail has none
  std::string sender;      // "Name <address>" decoded, or the address
  std::string subject;     // decoded
  std::string date;        // RFC 3339 UTC ("2026-11-21T10:04:05Z"); "" when the mail has no readable date
  std::vector<MailPart> parts;  // in the order they appear, nested mails' parts after their place
};

// InvalidArgument when the bytes are not a mail GMime can read.
Result<MailMessage> ParseMailMessage(const std::string& bytes);

// Whether a part can be a document quai reads: not a text body, signature,
// business card, calendar entry or Outlook's winmail.dat.
bool MailPartMayBeDocument(const MailPart& part);

}  // namespace quai
