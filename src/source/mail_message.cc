#include "source/mail_message.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>

#include "core/clock.h"

namespace quai {
namespace {

void InitGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string TakeString(char* text) {
  if (text == nullptr) return "";
  std::string copy(text);
  g_free(text);
  return copy;
}

std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return "";
  GMimeStream* stream = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, stream);  // decodes base64 / quoted-printable
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
  std::string bytes(reinterpret_cast<const char*>(array->data), array->len);
  g_object_unref(stream);
  return bytes;
}

void CollectParts(GMimeObject* object, std::vector<MailPart>& parts, int depth) {
  if (object == nullptr || depth > 20) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) CollectParts(g_mime_multipart_get_part(multipart, i), parts, depth + 1);
    return;
  }
  if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (inner != nullptr) CollectParts(g_mime_message_get_mime_part(inner), parts, depth + 1);
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* leaf = GMIME_PART(object);
  MailPart part;
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type != nullptr) part.content_type = Lower(TakeString(g_mime_content_type_get_mime_type(type)));
  const char* filename = g_mime_part_get_filename(leaf);  // Content-Disposition filename or Content-Type name
  if (filename != nullptr) part.filename = filename;
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  part.attachment = disposition != nullptr && g_mime_content_disposition_is_attachment(disposition);
  bool text = part.content_type.rfind("text/", 0) == 0;
  part.inline_image = !part.attachment && part.content_type.rfind("image/", 0) == 0;
  // Text bodies without a name are the mail's words, not files.
  if (!part.attachment && part.filename.empty() && text) return;
  if (!part.attachment && part.filename.empty() && !part.inline_image) return;
  part.bytes = PartBytes(leaf);
  parts.push_back(std::move(part));
}

std::string EndsWith(const std::string& name) {
  std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? "" : Lower(name.substr(dot));
}

}  // namespace

Result<MailMessage> ParseMailMessage(const std::string& bytes) {
  InitGmime();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_object_unref(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  if (message == nullptr) return Status::InvalidArgument("not a mail (no headers GMime can read)");

  MailMessage mail;
  const char* message_id = g_mime_message_get_message_id(message);
  if (message_id != nullptr) mail.message_id = message_id;
  InternetAddressList* from = g_mime_message_get_from(message);
  if (from != nullptr && internet_address_list_length(from) > 0) {
    mail.sender = TakeString(internet_address_list_to_string(from, nullptr, FALSE));
  }
  const char* subject = g_mime_message_get_subject(message);
  if (subject != nullptr) mail.subject = subject;
  GDateTime* date = g_mime_message_get_date(message);
  if (date != nullptr) {
    mail.date = FormatUtcTimestamp(std::chrono::system_clock::time_point(
        std::chrono::seconds(g_date_time_to_unix(date))));
  }
  CollectParts(g_mime_message_get_mime_part(message), mail.parts, 0);
  g_object_unref(message);
  return mail;
}

bool MailPartMayBeDocument(const MailPart& part) {
  static const char* const kNotDocumentTypes[] = {
      "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature",
      "application/pgp-keys",        "application/ms-tnef",           "application/vnd.ms-tnef",
      "text/vcard",                  "text/x-vcard",                  "text/directory",
      "text/calendar",               "application/ics",               "message/delivery-status",
      "message/disposition-notification"};
  static const char* const kNotDocumentEndings[] = {".p7s", ".asc", ".sig", ".vcf", ".ics", ".dat",
                                                    ".txt", ".htm", ".html", ".eml", ".msg"};
  for (const char* type : kNotDocumentTypes) {
    if (part.content_type == type) return false;
  }
  std::string ending = EndsWith(part.filename);
  for (const char* not_document : kNotDocumentEndings) {
    if (ending == not_document) return false;
  }
  // Text is a document only as XML (an e-invoice).
  if (part.content_type.rfind("text/", 0) == 0) return part.content_type == "text/xml" || ending == ".xml";
  return true;
}

}  // namespace quai
