#include "source/mailbox.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "source/imap_client.h"
#include "source/mail_message.h"
#include "source/mailbox_oauth.h"

namespace quai {

struct Mailbox::Cursor {
  uint32_t uidvalidity = 0;
  uint32_t last_uid = 0;       // every mail up to here was looked at (done, skipped, or in `retry`)
  std::set<uint32_t> retry;    // mails at or below last_uid to try again (failed, or action pending)
};

struct Mailbox::PassState {
  SourcePass pass;
  std::vector<std::string> given_up;  // mails no longer tried, for the pass's error
};

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool MatchesAny(const std::vector<MailboxTextRule>& rules, const std::string& text) {
  if (rules.empty()) return true;
  for (const MailboxTextRule& rule : rules) {
    if (rule.regex) {
      if (std::regex_search(text, std::regex(rule.text, std::regex::ECMAScript | std::regex::icase))) return true;
    } else if (Lower(text).find(Lower(rule.text)) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string ImageName(const std::string& content_type, int index) {
  std::string ending = content_type.substr(content_type.find('/') + 1);
  if (ending == "jpeg") ending = "jpg";
  return "image-" + std::to_string(index) + "." + ending;
}

std::string UidKey(uint32_t uidvalidity, uint32_t uid) {
  return "uid:" + std::to_string(uidvalidity) + ":" + std::to_string(uid);
}

}  // namespace

Result<std::unique_ptr<WatchedSource>> OpenMailbox(const SourceRecord& record, SourceStore& store, Clock& clock) {
  if (record.kind != SourceKind::kMailbox) {
    return Status::InvalidArgument("source '" + record.name + "' is not a mailbox");
  }
  auto settings = ParseMailboxSettings(record.settings_json);
  if (!settings.ok()) return settings.status().WithContext("source '" + record.name + "'");
  if (record.secret.empty()) {
    return Status::InvalidArgument("source '" + record.name + "': no " +
                                   (settings->auth == MailboxAuth::kXoauth2 ? "refresh token" : "password") +
                                   " (give it with --password-file)");
  }
  return std::unique_ptr<WatchedSource>(std::make_unique<Mailbox>(record, std::move(*settings), store, clock));
}

Mailbox::Mailbox(SourceRecord record, MailboxSettings settings, SourceStore& store, Clock& clock)
    : record_(std::move(record)), settings_(std::move(settings)), store_(store), clock_(clock) {
  if (settings_.auth == MailboxAuth::kXoauth2) {
    oauth_ = std::make_unique<MailboxOAuth>(settings_, record_.secret, clock_);
  }
}

Mailbox::~Mailbox() = default;

Result<std::unique_ptr<ImapClient>> Mailbox::Connect() {
  // Logging in happens with the first command; an XOAUTH2 token the server
  // refuses is fetched again once.
  for (int attempt = 0;; ++attempt) {
    std::string secret = record_.secret;
    if (oauth_ != nullptr) {
      auto token = oauth_->AccessToken();
      if (!token.ok()) return token.status();
      secret = *token;
    }
    auto client = std::make_unique<ImapClient>(settings_, secret);
    auto status = client->FolderStatus(settings_.folder);
    if (status.ok()) return client;
    if (oauth_ != nullptr && status.status().code() == StatusCode::kFailedPrecondition) {
      oauth_->Forget();
      if (attempt == 0) continue;
      // A token just issued by the provider was refused too: the server and
      // the provider disagree (another account, no IMAP scope, another tenant).
      return Status::FailedPrecondition(
          status.status().message() + " even when just issued by " + settings_.token_url +
          ": check that the token is for '" + settings_.user +
          "' and that the application may use IMAP (its scope, the mailbox's IMAP access)");
    }
    return status.status();
  }
}

Result<Mailbox::Cursor> Mailbox::LoadCursor() {
  auto record = store_.FindSource(record_.name);
  if (!record.ok()) return record.status();
  if (!record->has_value()) return Status::NotFound("source '" + record_.name + "' was removed");
  record_.id = (*record)->id;
  Cursor cursor;
  nlohmann::json json = nlohmann::json::parse((*record)->cursor_json, nullptr, false);
  if (json.is_object()) {
    cursor.uidvalidity = json.value("uidvalidity", 0u);
    cursor.last_uid = json.value("last_uid", 0u);
    if (json.contains("retry") && json["retry"].is_array()) {
      for (const auto& uid : json["retry"]) {
        if (uid.is_number_unsigned()) cursor.retry.insert(uid.get<uint32_t>());
      }
    }
  }
  return cursor;
}

Status Mailbox::SaveCursor(const Cursor& cursor) {
  nlohmann::json json = {{"uidvalidity", cursor.uidvalidity},
                         {"last_uid", cursor.last_uid},
                         {"retry", std::vector<uint32_t>(cursor.retry.begin(), cursor.retry.end())}};
  return store_.SaveSourceCursor(record_.id, json.dump());
}

std::string Mailbox::Criteria() const {
  switch (settings_.after) {
    case MailboxAfter::kMarkSeen:
      return "UNSEEN";
    case MailboxAfter::kFlag:
      return "UNFLAGGED";
    default:
      return "ALL";
  }
}

bool Mailbox::MatchesRules(const MailMessage& mail) const {
  return MatchesAny(settings_.from, mail.sender) && MatchesAny(settings_.subject, mail.subject);
}

bool Mailbox::TakesPart(const std::string& filename, bool attachment, bool inline_image,
                        bool may_be_document) const {
  if (!settings_.attachment_names.empty()) {
    // A configured name pattern takes what it names, documents or not.
    for (const std::string& pattern : settings_.attachment_names) {
      if (!filename.empty() && fnmatch(pattern.c_str(), filename.c_str(), FNM_CASEFOLD) == 0) return true;
    }
    return false;
  }
  if (!may_be_document) return false;
  if (inline_image) return settings_.inline_images;
  return attachment || !filename.empty();
}

Status Mailbox::ApplyAfterAction(ImapClient& client, uint32_t uid, bool was_seen) {
  const std::string& folder = settings_.folder;
  std::string id = std::to_string(uid);
  switch (settings_.after) {
    case MailboxAfter::kMarkSeen:
      return client.Command(folder, "UID STORE " + id + " +FLAGS.SILENT (\\Seen)");
    case MailboxAfter::kFlag:
      QUAI_RETURN_IF_ERROR(client.Command(folder, "UID STORE " + id + " +FLAGS.SILENT (\\Flagged)"));
      if (!was_seen) return client.Command(folder, "UID STORE " + id + " -FLAGS.SILENT (\\Seen)");
      return Status::Ok();
    case MailboxAfter::kMove: {
      Status moved = client.Command(folder, "UID MOVE " + id + " " + ImapQuote(settings_.move_to));
      if (moved.ok() || moved.code() != StatusCode::kFailedPrecondition) return moved;
      // A server without MOVE (RFC 6851): copy, then delete.
      Status copied = client.Command(folder, "UID COPY " + id + " " + ImapQuote(settings_.move_to));
      if (!copied.ok()) return moved;
      QUAI_RETURN_IF_ERROR(client.Command(folder, "UID STORE " + id + " +FLAGS.SILENT (\\Deleted)"));
      if (client.Command(folder, "UID EXPUNGE " + id).ok()) return Status::Ok();
      return client.Command(folder, "EXPUNGE");
    }
    case MailboxAfter::kDelete:
      QUAI_RETURN_IF_ERROR(client.Command(folder, "UID STORE " + id + " +FLAGS.SILENT (\\Deleted)"));
      if (client.Command(folder, "UID EXPUNGE " + id).ok()) return Status::Ok();
      return client.Command(folder, "EXPUNGE");
  }
  return Status::Ok();
}

Mailbox::MailEnd Mailbox::TakeMail(ImapClient& client, uint32_t uidvalidity, uint32_t uid, bool was_seen,
                                   DocumentIntake& intake, PassState& state) {
  const std::string uid_key = UidKey(uidvalidity, uid);
  auto leave_unseen = [&] {
    if (!was_seen) client.Command(settings_.folder, "UID STORE " + std::to_string(uid) + " -FLAGS.SILENT (\\Seen)");
  };
  auto finish = [&]() -> MailEnd {
    Status action = ApplyAfterAction(client, uid, was_seen);
    if (!action.ok()) {
      state.pass.error = action.message();
      return MailEnd::kRetry;  // done in the ledger: the next pass only applies the action
    }
    return MailEnd::kFinished;
  };

  auto item = store_.FindSourceItem(record_.id, uid_key);
  if (!item.ok()) {
    state.pass.error = item.status().message();
    return MailEnd::kAbort;
  }
  if (item->has_value() && (*item)->state == SourceItemState::kDone) return finish();
  if (item->has_value() && (*item)->attempts >= settings_.max_attempts) return MailEnd::kFinished;

  auto bytes = client.Fetch(settings_.folder, uid);
  if (!bytes.ok()) {
    if (bytes.status().code() == StatusCode::kNotFound) return MailEnd::kFinished;  // gone meanwhile
    if (bytes.status().code() == StatusCode::kLimitExceeded) {
      SourceItem failed{record_.id, uid_key, SourceItemState::kFailed, 0, bytes.status().message(), "{}", ""};
      store_.SaveSourceItem(failed);
      state.given_up.push_back("mail UID " + std::to_string(uid) + ": " + bytes.status().message());
      leave_unseen();
      return MailEnd::kFinished;
    }
    state.pass.error = bytes.status().message();
    return MailEnd::kAbort;
  }
  auto mail = ParseMailMessage(*bytes);
  if (!mail.ok()) {
    // Not a mail anyone can read: recorded, and let go like a mail without documents.
    nlohmann::json detail = {{"error", mail.status().message()}};
    SourceItem done{record_.id, uid_key, SourceItemState::kDone, 0, "", detail.dump(), ""};
    if (!store_.SaveSourceItem(done).ok()) return MailEnd::kAbort;
    return finish();
  }
  if (!MatchesRules(*mail)) {
    leave_unseen();
    return MailEnd::kFinished;
  }
  const std::string message_key = mail->message_id.empty() ? "" : "message-id:" + mail->message_id;
  if (!message_key.empty()) {
    auto earlier = store_.FindSourceItem(record_.id, message_key);
    if (!earlier.ok()) {
      state.pass.error = earlier.status().message();
      return MailEnd::kAbort;
    }
    if (earlier->has_value() && (*earlier)->state == SourceItemState::kDone) {
      nlohmann::json detail = {{"same_message_as", (*earlier)->detail_json}, {"subject", mail->subject}};
      SourceItem done{record_.id, uid_key, SourceItemState::kDone, 0, "", detail.dump(), ""};
      if (!store_.SaveSourceItem(done).ok()) return MailEnd::kAbort;
      return finish();
    }
  }

  nlohmann::json origin = {{"sender", mail->sender},
                           {"subject", mail->subject},
                           {"date", mail->date},
                           {"message_id", mail->message_id},
                           {"mailbox", settings_.user + "@" + settings_.host + "/" + settings_.folder}};
  const std::string origin_json = origin.dump();
  nlohmann::json documents = nlohmann::json::array();
  nlohmann::json duplicates = nlohmann::json::array();
  nlohmann::json refused = nlohmann::json::array();
  int stored = 0, duplicated = 0, refusals = 0, index = 0;
  for (MailPart& part : mail->parts) {
    ++index;
    if (!TakesPart(part.filename, part.attachment, part.inline_image, MailPartMayBeDocument(part))) continue;
    std::string name = part.filename.empty() ? ImageName(part.content_type, index) : part.filename;
    auto received = intake.Receive(name, std::move(part.bytes), source_label(), origin_json);
    if (!received.ok()) {
      // Nothing is marked: the mail stays as it was and is tried again.
      int attempts = item->has_value() ? (*item)->attempts + 1 : 1;
      nlohmann::json detail = {{"subject", mail->subject}, {"message_id", mail->message_id}};
      SourceItem failed{record_.id, uid_key, SourceItemState::kFailed, 0,
                        name + ": " + received.status().message(), detail.dump(), ""};
      store_.SaveSourceItem(failed);
      leave_unseen();
      ++state.pass.failed;
      if (attempts >= settings_.max_attempts) {
        state.given_up.push_back("mail UID " + std::to_string(uid) + " ('" + mail->subject + "') given up after " +
                                 std::to_string(attempts) + " attempts: " + failed.error);
        return MailEnd::kFinished;
      }
      return MailEnd::kRetry;
    }
    switch (received->outcome) {
      case IngestOutcome::kStored:
        ++stored;
        documents.push_back(received->document_id);
        break;
      case IngestOutcome::kDuplicate:
        ++duplicated;
        duplicates.push_back(received->document_id);
        break;
      case IngestOutcome::kRefused:
        ++refusals;
        refused.push_back({{"name", name}, {"cause", received->error}});
        break;
    }
  }
  nlohmann::json detail = {{"subject", mail->subject},   {"message_id", mail->message_id},
                           {"documents", documents},      {"duplicates", duplicates},
                           {"refused", refused}};
  SourceItem done{record_.id, uid_key, SourceItemState::kDone, 0, "", detail.dump(), ""};
  Status saved = store_.SaveSourceItem(done);
  if (saved.ok() && !message_key.empty()) {
    done.key = message_key;
    saved = store_.SaveSourceItem(done);
  }
  state.pass.stored += stored;
  state.pass.duplicates += duplicated;
  state.pass.refused += refusals;
  if (!saved.ok()) {
    state.pass.error = saved.message();
    leave_unseen();
    return MailEnd::kAbort;
  }
  return finish();
}

SourcePass Mailbox::Pass(DocumentIntake& intake, const std::atomic<bool>& stop) {
  PassState state;
  state.pass.next_pass = settings_.mode == MailboxMode::kPoll ? std::chrono::milliseconds(settings_.poll_interval)
                                                             : std::chrono::milliseconds(std::chrono::minutes(10));
  auto client = Connect();
  if (!client.ok()) {
    state.pass.error = client.status().message();
    return state.pass;
  }
  auto folder = (*client)->FolderStatus(settings_.folder);
  if (!folder.ok()) {
    state.pass.error = folder.status().message();
    return state.pass;
  }
  auto cursor = LoadCursor();
  if (!cursor.ok()) {
    state.pass.error = cursor.status().message();
    return state.pass;
  }
  std::vector<uint32_t> fresh;
  if (cursor->uidvalidity != folder->uidvalidity) {
    // First pass, or the server renumbered the folder: take what the
    // after-action has not touched; Message-IDs keep done mails from coming twice.
    auto found = (*client)->Search(settings_.folder, Criteria());
    if (!found.ok()) {
      state.pass.error = found.status().message();
      return state.pass;
    }
    fresh = *found;
    *cursor = Cursor{folder->uidvalidity, fresh.empty() ? folder->uidnext - 1 : fresh.front() - 1, {}};
    Status saved = SaveCursor(*cursor);
    if (!saved.ok()) {
      state.pass.error = saved.message();
      return state.pass;
    }
  } else {
    auto found = (*client)->Search(settings_.folder, "UID " + std::to_string(cursor->last_uid + 1) + ":*");
    if (!found.ok()) {
      state.pass.error = found.status().message();
      return state.pass;
    }
    for (uint32_t uid : *found) {
      if (uid > cursor->last_uid) fresh.push_back(uid);
    }
  }

  std::vector<uint32_t> batch(cursor->retry.begin(), cursor->retry.end());
  if (batch.size() > static_cast<std::size_t>(settings_.batch_size)) batch.resize(settings_.batch_size);
  std::size_t room = settings_.batch_size - batch.size();
  bool more = fresh.size() > room || cursor->retry.size() > batch.size();
  batch.insert(batch.end(), fresh.begin(), fresh.begin() + std::min(room, fresh.size()));

  std::map<uint32_t, std::string> flags;
  if (!batch.empty()) {
    std::string set;
    for (uint32_t uid : batch) set += (set.empty() ? "" : ",") + std::to_string(uid);
    auto found = (*client)->Flags(settings_.folder, set);
    if (!found.ok()) {
      state.pass.error = found.status().message();
      return state.pass;
    }
    flags = std::move(*found);
  }
  for (uint32_t uid : batch) {
    if (stop.load()) {
      more = true;
      break;
    }
    MailEnd end = MailEnd::kFinished;
    auto flag = flags.find(uid);
    if (flag != flags.end()) {  // else the mail is gone (moved, deleted): nothing to do
      bool was_seen = flag->second.find("\\Seen") != std::string::npos;
      end = TakeMail(**client, folder->uidvalidity, uid, was_seen, intake, state);
    }
    if (end == MailEnd::kAbort) {
      more = false;
      break;
    }
    if (end == MailEnd::kRetry) {
      cursor->retry.insert(uid);
    } else {
      cursor->retry.erase(uid);
    }
    cursor->last_uid = std::max(cursor->last_uid, uid);
    Status saved = SaveCursor(*cursor);
    if (!saved.ok()) {
      state.pass.error = saved.message();
      break;
    }
  }
  known_uidnext_ = folder->uidnext;
  if (!state.given_up.empty()) {
    std::string text;
    for (const std::string& line : state.given_up) text += (text.empty() ? "" : "; ") + line;
    state.pass.error = state.pass.error.empty() ? text : state.pass.error + "; " + text;
  }
  if (more && state.pass.error.empty()) state.pass.next_pass = std::chrono::milliseconds(0);
  return state.pass;
}

bool Mailbox::Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  const auto step = std::chrono::milliseconds(100);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto next_check = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!stop.load() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        step, deadline - std::chrono::steady_clock::now()));
    if (settings_.mode != MailboxMode::kIdle || std::chrono::steady_clock::now() < next_check) continue;
    next_check = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    if (watcher_ == nullptr) {
      auto client = Connect();
      if (!client.ok()) continue;
      watcher_ = std::move(*client);
    }
    auto status = watcher_->FolderStatus(settings_.folder);
    if (!status.ok()) {
      watcher_.reset();
      continue;
    }
    if (status->uidnext != known_uidnext_) return true;
  }
  return false;
}

Result<std::vector<std::string>> Mailbox::Test() {
  constexpr int kLookAt = 10;
  auto client = Connect();
  if (!client.ok()) return client.status();
  auto folder = (*client)->FolderStatus(settings_.folder);
  if (!folder.ok()) return folder.status();
  auto cursor = LoadCursor();
  if (!cursor.ok()) return cursor.status();
  std::vector<std::string> lines;
  lines.push_back(settings_.Url() + ": logged in as '" + settings_.user + "'; " + std::to_string(folder->messages) +
                  " mails in the folder");
  std::vector<uint32_t> waiting;
  if (cursor->uidvalidity != folder->uidvalidity) {
    auto found = (*client)->Search(settings_.folder, Criteria());
    if (!found.ok()) return found.status();
    waiting = *found;
  } else {
    auto found = (*client)->Search(settings_.folder, "UID " + std::to_string(cursor->last_uid + 1) + ":*");
    if (!found.ok()) return found.status();
    for (uint32_t uid : *found) {
      if (uid > cursor->last_uid) waiting.push_back(uid);
    }
    waiting.insert(waiting.begin(), cursor->retry.begin(), cursor->retry.end());
  }
  lines.push_back(std::to_string(waiting.size()) + " mails wait for a pass");
  if (waiting.empty()) return lines;
  std::vector<uint32_t> first(waiting.begin(), waiting.begin() + std::min<std::size_t>(kLookAt, waiting.size()));
  std::string set;
  for (uint32_t uid : first) set += (set.empty() ? "" : ",") + std::to_string(uid);
  auto flags = (*client)->Flags(settings_.folder, set);
  if (!flags.ok()) return flags.status();
  int matching = 0, documents = 0;
  for (uint32_t uid : first) {
    auto flag = flags->find(uid);
    if (flag == flags->end()) continue;
    auto bytes = (*client)->Fetch(settings_.folder, uid);
    // Fetching marks the mail \Seen: put it back as it was; Test takes nothing.
    if (flag->second.find("\\Seen") == std::string::npos) {
      (*client)->Command(settings_.folder, "UID STORE " + std::to_string(uid) + " -FLAGS.SILENT (\\Seen)");
    }
    if (!bytes.ok()) return bytes.status();
    auto mail = ParseMailMessage(*bytes);
    if (!mail.ok() || !MatchesRules(*mail)) continue;
    ++matching;
    for (const MailPart& part : mail->parts) {
      if (TakesPart(part.filename, part.attachment, part.inline_image, MailPartMayBeDocument(part))) ++documents;
    }
  }
  lines.push_back("of the first " + std::to_string(first.size()) + ": " + std::to_string(matching) +
                  " match the rules and would be taken, holding " + std::to_string(documents) +
                  " document attachments");
  return lines;
}

}  // namespace quai
