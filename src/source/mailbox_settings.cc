#include "source/mailbox_settings.h"

#include <regex>

#include <nlohmann/json.hpp>

namespace quai {
namespace {

Status Bad(const std::string& setting, const std::string& why) {
  return Status::InvalidArgument("mailbox settings: " + setting + ": " + why);
}

Result<std::string> OptionalString(const nlohmann::json& object, const char* key, const std::string& fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) return Bad(key, "must be text");
  return it->get<std::string>();
}

Result<bool> OptionalBool(const nlohmann::json& object, const std::string& name, const char* key, bool fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return Bad(name, "must be true or false");
  return it->get<bool>();
}

Result<int64_t> OptionalInt(const nlohmann::json& object, const char* key, int64_t fallback, int64_t low,
                            int64_t high) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) return Bad(key, "must be a whole number");
  int64_t value = it->get<int64_t>();
  if (value < low || value > high) {
    return Bad(key, "must be between " + std::to_string(low) + " and " + std::to_string(high));
  }
  return value;
}

Result<std::vector<std::string>> StringList(const nlohmann::json& object, const std::string& name, const char* key) {
  std::vector<std::string> list;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return list;
  if (it->is_string()) {
    list.push_back(it->get<std::string>());
    return list;
  }
  if (!it->is_array()) return Bad(name, "must be a list of text");
  for (const auto& entry : *it) {
    if (!entry.is_string() || entry.get<std::string>().empty()) return Bad(name, "must be a list of non-empty text");
    list.push_back(entry.get<std::string>());
  }
  return list;
}

Result<std::vector<MailboxTextRule>> TextRules(const nlohmann::json& rules, const std::string& name, const char* key) {
  auto list = StringList(rules, name, key);
  if (!list.ok()) return list.status();
  std::vector<MailboxTextRule> parsed;
  for (const std::string& entry : *list) {
    MailboxTextRule rule;
    if (entry.rfind("re:", 0) == 0) {
      rule.regex = true;
      rule.text = entry.substr(3);
      try {
        std::regex check(rule.text, std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error& error) {
        return Bad(name, "'" + rule.text + "' is not a regular expression (" + error.what() + ")");
      }
    } else {
      rule.text = entry;
    }
    parsed.push_back(std::move(rule));
  }
  return parsed;
}

// imap[s]://host[:port][/folder]
Status ParseUrl(const std::string& url, MailboxSettings& settings) {
  std::string rest;
  if (url.rfind("imaps://", 0) == 0) {
    settings.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("imap://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return Bad("url", "'" + url + "' must start with imap:// or imaps://");
  }
  if (rest.find('@') != std::string::npos) {
    return Bad("url", "must not hold the user or password (give \"user\" and the secret apart)");
  }
  std::string authority = rest.substr(0, rest.find('/'));
  if (rest.find('/') != std::string::npos) {
    std::string folder = rest.substr(rest.find('/') + 1);
    while (!folder.empty() && folder.back() == '/') folder.pop_back();
    if (!folder.empty()) settings.folder = folder;
  }
  std::string port_text;
  std::size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    port_text = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return Bad("url", "'" + url + "' names no host");
  settings.host = authority;
  settings.port = settings.tls ? 993 : 143;
  if (!port_text.empty()) {
    int port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) return Bad("url", "port '" + port_text + "' is not a port number");
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return Bad("url", "port '" + port_text + "' is not a port number");
    settings.port = port;
  }
  return Status::Ok();
}

}  // namespace

std::string MailboxSettings::Url() const {
  return std::string(tls ? "imaps://" : "imap://") + host + ":" + std::to_string(port) + "/" + folder;
}

Result<MailboxSettings> ParseMailboxSettings(const std::string& settings_json) {
  nlohmann::json json = nlohmann::json::parse(settings_json, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Bad("settings", "not a JSON object");
  MailboxSettings settings;

  auto url = OptionalString(json, "url", "");
  if (!url.ok()) return url.status();
  if (url->empty()) return Bad("url", "missing (imap://host/INBOX or imaps://host/INBOX)");
  QUAI_RETURN_IF_ERROR(ParseUrl(*url, settings));

  auto user = OptionalString(json, "user", "");
  if (!user.ok()) return user.status();
  if (user->empty()) return Bad("user", "missing");
  settings.user = *user;

  auto auth = OptionalString(json, "auth", "password");
  if (!auth.ok()) return auth.status();
  if (*auth == "password") {
    settings.auth = MailboxAuth::kPassword;
  } else if (*auth == "xoauth2") {
    settings.auth = MailboxAuth::kXoauth2;
    auto token_url = OptionalString(json, "token_url", "");
    auto client_id = OptionalString(json, "client_id", "");
    auto client_secret = OptionalString(json, "client_secret", "");
    if (!token_url.ok()) return token_url.status();
    if (!client_id.ok()) return client_id.status();
    if (!client_secret.ok()) return client_secret.status();
    if (token_url->rfind("https://", 0) != 0 && token_url->rfind("http://", 0) != 0) {
      return Bad("token_url", "xoauth2 needs the OAuth2 token endpoint (https://...)");
    }
    if (client_id->empty()) return Bad("client_id", "xoauth2 needs the application's client id");
    settings.token_url = *token_url;
    settings.client_id = *client_id;
    settings.client_secret = *client_secret;
  } else {
    return Bad("auth", "'" + *auth + "' is not \"password\" or \"xoauth2\"");
  }

  auto verify = OptionalBool(json, "tls_verify", "tls_verify", true);
  if (!verify.ok()) return verify.status();
  settings.tls_verify = *verify;
  auto ca_file = OptionalString(json, "ca_file", "");
  if (!ca_file.ok()) return ca_file.status();
  settings.ca_file = *ca_file;

  auto rules_it = json.find("rules");
  if (rules_it != json.end() && !rules_it->is_null()) {
    if (!rules_it->is_object()) return Bad("rules", "must be an object with \"from\", \"subject\", \"attachments\"");
    for (const auto& [key, value] : rules_it->items()) {
      if (key != "from" && key != "subject" && key != "attachments") {
        return Bad("rules." + key, "unknown rule (\"from\", \"subject\" or \"attachments\")");
      }
    }
    auto from = TextRules(*rules_it, "rules.from", "from");
    if (!from.ok()) return from.status();
    settings.from = *from;
    auto subject = TextRules(*rules_it, "rules.subject", "subject");
    if (!subject.ok()) return subject.status();
    settings.subject = *subject;
    auto names = StringList(*rules_it, "rules.attachments", "attachments");
    if (!names.ok()) return names.status();
    settings.attachment_names = *names;
  }

  auto parts_it = json.find("parts");
  if (parts_it != json.end() && !parts_it->is_null()) {
    if (!parts_it->is_object()) return Bad("parts", "must be an object with \"inline_images\"");
    auto inline_images = OptionalBool(*parts_it, "parts.inline_images", "inline_images", false);
    if (!inline_images.ok()) return inline_images.status();
    settings.inline_images = *inline_images;
    auto mail = OptionalBool(*parts_it, "parts.mail", "mail", false);
    if (!mail.ok()) return mail.status();
    if (*mail) {
      return Bad("parts.mail", "quai cannot take a mail's own text as a document (it reads PDF, images and "
                               "e-invoice XML); leave it false");
    }
    auto attachments = OptionalBool(*parts_it, "parts.attachments", "attachments", true);
    if (!attachments.ok()) return attachments.status();
    if (!*attachments) return Bad("parts.attachments", "a mailbox always takes attachments; leave it true");
  }

  auto after = OptionalString(json, "after", "mark_seen");
  if (!after.ok()) return after.status();
  if (*after == "mark_seen") {
    settings.after = MailboxAfter::kMarkSeen;
  } else if (*after == "flag") {
    settings.after = MailboxAfter::kFlag;
  } else if (*after == "delete") {
    settings.after = MailboxAfter::kDelete;
  } else if (*after == "move") {
    settings.after = MailboxAfter::kMove;
    auto move_to = OptionalString(json, "move_to", "");
    if (!move_to.ok()) return move_to.status();
    if (move_to->empty()) return Bad("move_to", "\"after\": \"move\" needs the folder to move mails to");
    if (*move_to == settings.folder) return Bad("move_to", "must be another folder than the one watched");
    settings.move_to = *move_to;
  } else {
    return Bad("after", "'" + *after + "' is not \"mark_seen\", \"move\", \"flag\" or \"delete\"");
  }

  auto mode = OptionalString(json, "mode", "poll");
  if (!mode.ok()) return mode.status();
  if (*mode == "poll") {
    settings.mode = MailboxMode::kPoll;
  } else if (*mode == "idle") {
    settings.mode = MailboxMode::kIdle;
  } else {
    return Bad("mode", "'" + *mode + "' is not \"poll\" or \"idle\"");
  }
  auto interval = OptionalInt(json, "interval_seconds", 60, 1, 86400);
  if (!interval.ok()) return interval.status();
  settings.poll_interval = std::chrono::seconds(*interval);
  auto batch = OptionalInt(json, "batch_size", 50, 1, 10000);
  if (!batch.ok()) return batch.status();
  settings.batch_size = static_cast<int>(*batch);
  auto attempts = OptionalInt(json, "max_attempts", 10, 1, 1000);
  if (!attempts.ok()) return attempts.status();
  settings.max_attempts = static_cast<int>(*attempts);
  return settings;
}

}  // namespace quai
