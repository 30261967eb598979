#include "review/accounts.h"

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "core/clock.h"
#include "core/sha256.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    Open();
  }

  void Open() {
    accounts_.reset();
    store_.reset();
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    AccountOptions options;
    options.password_cost = MinimumPasswordCost();  // keeps the suite quick; see AccountOptions
    accounts_ = std::make_unique<Accounts>(store_.get(), &clock_, options);
  }

  std::string AddUser(const std::string& name, Role role = Role::kReviewer) {
    Result<std::string> password = accounts_->AddUser(name, role);
    EXPECT_TRUE(password.ok()) << password.status().ToString();
    return password.ok() ? *password : "";
  }

  std::string Query(const std::string& sql) {
    auto connection = SqliteConnection::Open(directory_.File("quai.db"));
    EXPECT_TRUE(connection.ok());
    auto text = (*connection)->QueryText(sql);
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    return text.ok() ? *text : "";
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, OneTimePasswordLogsInAndIsStoredOnlyAsArgon2id) {
  const std::string password = AddUser("ana", Role::kAdmin);
  EXPECT_GE(password.size(), 20u);
  auto session = accounts_->Login("ana", password, "127.0.0.1");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->user.name, "ana");
  EXPECT_EQ(session->user.role, Role::kAdmin);
  EXPECT_EQ(session->expires_at, "2026-03-02T20:00:00Z");

  const std::string hash = Query("SELECT password_hash FROM users WHERE name = 'ana'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(password), std::string::npos);
  // The session id is kept only as its SHA-256.
  EXPECT_EQ(Query("SELECT count(*) FROM sessions WHERE id_hash = '" + Sha256Hex(session->id) + "'"), "1");
  EXPECT_EQ(Query("SELECT count(*) FROM sessions WHERE id_hash = '" + session->id + "'"), "0");
}

TEST_F(AccountsTest, DefaultCostIsArgon2idInteractive) {
  Result<std::string> hash = HashPassword("correct horse", AccountOptions{}.password_cost);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=2,", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horsE"));
}

TEST_F(AccountsTest, WrongPasswordAndUnknownNameAreRefusedWithTheSameMessage) {
  const std::string password = AddUser("ana");
  auto wrong = accounts_->Login("ana", password + "x", "127.0.0.1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
  auto unknown = accounts_->Login("bob", password, "127.0.0.1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  EXPECT_FALSE(accounts_->Login("ana", "", "127.0.0.1").ok());
}

TEST_F(AccountsTest, BadAndTakenNamesAreRefused) {
  AddUser("ana");
  EXPECT_EQ(accounts_->AddUser("ana", Role::kViewer).status().code(), StatusCode::kAlreadyExists);
  for (const char* bad : {"", "ana smith", "a/b", "ana\n", "x'; DROP TABLE users;--"}) {
    EXPECT_EQ(accounts_->AddUser(bad, Role::kViewer).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(accounts_->AddUser(std::string(65, 'a'), Role::kViewer).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(accounts_->AddUser("ana.smith@site-2_b", Role::kViewer).ok());
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "ana");
  EXPECT_EQ(accounts_->FindUser("nobody").status().code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, FailuresFromOneAddressSlowItDownByGrowingWaitsNeverALock) {
  const std::string password = AddUser("ana");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(accounts_->Login("ana", "guess" + std::to_string(i), "10.0.0.1").status().code(),
              StatusCode::kInvalidArgument);
  // Past the five free failures: wait 1 s, then 2 s, 4 s ... even with the right password.
  int64_t retry_after = 0;
  auto early = accounts_->Login("ana", password, "10.0.0.1", &retry_after);
  ASSERT_EQ(early.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(retry_after, 1);
  clock_.Advance(1s);
  EXPECT_EQ(accounts_->Login("ana", "guess5", "10.0.0.1").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->Login("ana", password, "10.0.0.1", &retry_after).status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(retry_after, 2);

  // The waits survive a restart of the server.
  Open();
  EXPECT_EQ(accounts_->Login("ana", password, "10.0.0.1", &retry_after).status().code(), StatusCode::kLimitExceeded);
  clock_.Advance(2s);
  auto in = accounts_->Login("ana", password, "10.0.0.1");
  EXPECT_TRUE(in.ok()) << in.status().ToString();
}

TEST_F(AccountsTest, SomeoneGuessingAPersonsNameElsewhereDelaysThemSecondsAtMost) {
  const std::string password = AddUser("ana");
  // An attacker cycles through addresses and guesses as fast as the waits let him.
  int refused = 0;
  for (int i = 0; i < 200; ++i) {
    clock_.Advance(1s);
    auto guess = accounts_->Login("ana", "guess", "10.6." + std::to_string(i / 200) + "." + std::to_string(i % 200));
    if (guess.status().code() == StatusCode::kLimitExceeded) ++refused;
  }
  EXPECT_GT(refused, 100) << "the guesses were not slowed down";
  // Ana, from her own address, waits at most the per-name cap, then gets in.
  int64_t retry_after = 0;
  auto first = accounts_->Login("ana", password, "192.168.1.20", &retry_after);
  if (!first.ok()) {
    ASSERT_EQ(first.status().code(), StatusCode::kLimitExceeded);
    EXPECT_LE(retry_after, 30);
    clock_.Advance(std::chrono::seconds(retry_after));
    auto second = accounts_->Login("ana", password, "192.168.1.20");
    EXPECT_TRUE(second.ok()) << second.status().ToString();
  }
}

TEST_F(AccountsTest, ManyFailuresFromOneAddressSlowEveryNameFromThere) {
  const std::string password = AddUser("ana");
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(accounts_->Login("user" + std::to_string(i), "guess", "10.6.6.6").status().code(),
              StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->Login("ana", password, "10.6.6.6").status().code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(accounts_->Login("ana", password, "10.0.0.7").ok()) << "another address is not slowed";
}

TEST_F(AccountsTest, AnUnlockOrAPasswordResetForgetsTheNamesFailures) {
  const std::string password = AddUser("ana");
  for (int i = 0; i < 8; ++i) {
    clock_.Advance(10s);
    (void)accounts_->Login("ana", "guess", "10.0.0.1");
  }
  ASSERT_EQ(accounts_->Login("ana", password, "10.0.0.1").status().code(), StatusCode::kLimitExceeded);
  ASSERT_TRUE(accounts_->Unlock("ana").ok());
  EXPECT_TRUE(accounts_->Login("ana", password, "10.0.0.1").ok());
  EXPECT_EQ(accounts_->Unlock("nobody").code(), StatusCode::kNotFound);

  for (int i = 0; i < 8; ++i) (void)accounts_->Login("ana", "guess", "10.0.0.1");
  auto reset = accounts_->ResetPassword("ana");
  ASSERT_TRUE(reset.ok());
  EXPECT_TRUE(accounts_->Login("ana", *reset, "10.0.0.1").ok());
}

TEST_F(AccountsTest, AHugeNameIsWrongCredentialsAndCountsAsItsFirst64Bytes) {
  AddUser("ana");
  const std::string huge(1 << 20, 'a');
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(accounts_->Login(huge + std::to_string(i), "x", "10.0.0.1").status().code(),
              StatusCode::kInvalidArgument);
  // Five failures for the same stored (capped) name: the sixth waits.
  EXPECT_EQ(accounts_->Login(huge, "x", "10.0.0.1").status().code(), StatusCode::kLimitExceeded);
}

TEST_F(AccountsTest, GoodLoginForgetsTheNamesEarlierFailures) {
  const std::string password = AddUser("ana");
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(accounts_->Login("ana", "guess", "10.0.0.1").ok());
  ASSERT_TRUE(accounts_->Login("ana", password, "10.0.0.1").ok());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(accounts_->Login("ana", "guess", "10.0.0.2").ok());
  EXPECT_TRUE(accounts_->Login("ana", password, "10.0.0.2").ok());
}

TEST_F(AccountsTest, SessionExpiresAfterTwelveIdleHoursAndIsExtendedWhenUsed) {
  const std::string password = AddUser("ana");
  auto session = accounts_->Login("ana", password, "127.0.0.1");
  ASSERT_TRUE(session.ok());
  clock_.Advance(5h);
  auto found = accounts_->FindSession(session->id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->user.name, "ana");
  EXPECT_EQ(found->csrf_token, session->csrf_token);
  EXPECT_EQ(found->expires_at, "2026-03-02T20:00:00Z");  // more than half left: not rewritten
  clock_.Advance(2h);
  found = accounts_->FindSession(session->id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->expires_at, "2026-03-03T03:00:00Z");  // used after 7 h: 12 h from now
  clock_.Advance(12h);
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->FindSession("made-up").status().code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, CsrfTokenDiffersPerSessionAndOnlyItsOwnMatches) {
  const std::string password = AddUser("ana");
  auto first = accounts_->Login("ana", password, "127.0.0.1");
  auto second = accounts_->Login("ana", password, "127.0.0.1");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->id, second->id);
  EXPECT_NE(first->csrf_token, second->csrf_token);
  EXPECT_NE(first->csrf_token, first->id);
  EXPECT_EQ(first->csrf_token.size(), 43u);
  EXPECT_TRUE(Accounts::CsrfTokenMatches(*first, first->csrf_token));
  EXPECT_FALSE(Accounts::CsrfTokenMatches(*first, second->csrf_token));
  EXPECT_FALSE(Accounts::CsrfTokenMatches(*first, ""));
  EXPECT_FALSE(Accounts::CsrfTokenMatches(*first, first->csrf_token.substr(1)));
}

TEST_F(AccountsTest, LogoutAndPasswordResetEndSessions) {
  const std::string password = AddUser("ana");
  auto session = accounts_->Login("ana", password, "127.0.0.1");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(accounts_->Logout(session->id).ok());
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound);

  session = accounts_->Login("ana", password, "127.0.0.1");
  ASSERT_TRUE(session.ok());
  auto fresh = accounts_->ResetPassword("ana");
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(*fresh, password);
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(accounts_->Login("ana", password, "127.0.0.1").ok());
  EXPECT_TRUE(accounts_->Login("ana", *fresh, "127.0.0.1").ok());
  EXPECT_EQ(accounts_->ResetPassword("nobody").status().code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ApiTokenFindsItsUserAndIsStoredOnlyAsItsHash) {
  AddUser("erp", Role::kIntegration);
  auto token = accounts_->CreateApiToken("erp", "nightly import");
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  ASSERT_EQ(token->size(), 5u + 43u);
  EXPECT_EQ(token->rfind("quai_", 0), 0u);
  EXPECT_EQ(token->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 5),
            std::string::npos);
  auto user = accounts_->FindApiTokenUser(*token);
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->name, "erp");
  EXPECT_EQ(user->role, Role::kIntegration);
  EXPECT_EQ(Query("SELECT token_hash FROM api_tokens"), Sha256Hex(*token));
  EXPECT_EQ(Query("SELECT label FROM api_tokens"), "nightly import");

  std::string altered = *token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(accounts_->FindApiTokenUser(altered).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->FindApiTokenUser("").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->CreateApiToken("nobody", "").status().code(), StatusCode::kNotFound);
  auto another = accounts_->CreateApiToken("erp", "");
  ASSERT_TRUE(another.ok());
  EXPECT_NE(*another, *token);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST_F(AccountsTest, TokensExpireAndRevokedTokensStopWorkingAtOnce) {
  AddUser("erp", Role::kIntegration);
  auto lasting = accounts_->CreateApiToken("erp", "nightly import");
  auto week = accounts_->CreateApiToken("erp", "trial", 7);
  ASSERT_TRUE(lasting.ok() && week.ok());
  EXPECT_EQ(accounts_->CreateApiToken("erp", "", -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(accounts_->FindApiTokenUser(*week).ok());
  clock_.Advance(std::chrono::hours(24 * 7 + 1));
  EXPECT_EQ(accounts_->FindApiTokenUser(*week).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(accounts_->FindApiTokenUser(*lasting).ok());

  auto tokens = accounts_->ListApiTokens();
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].label, "nightly import");
  EXPECT_EQ((*tokens)[0].user_name, "erp");
  EXPECT_TRUE((*tokens)[0].expires_at.empty());
  EXPECT_FALSE((*tokens)[1].expires_at.empty());
  ASSERT_TRUE(accounts_->RevokeApiToken((*tokens)[0].id).ok());
  EXPECT_EQ(accounts_->FindApiTokenUser(*lasting).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE((*accounts_->ListApiTokens())[0].revoked_at.empty());
  EXPECT_EQ(accounts_->RevokeApiToken(999).code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ADisabledUserCannotLogInAndItsSessionsAndTokensStop) {
  const std::string password = AddUser("ana");
  auto session = accounts_->Login("ana", password, "10.0.0.1");
  auto token = accounts_->CreateApiToken("ana", "script");
  ASSERT_TRUE(session.ok() && token.ok());
  ASSERT_TRUE(accounts_->DisableUser("ana").ok());
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->FindApiTokenUser(*token).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->Login("ana", password, "10.0.0.1").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE((*accounts_->ListUsers())[0].disabled);

  ASSERT_TRUE(accounts_->EnableUser("ana").ok());
  EXPECT_TRUE(accounts_->FindApiTokenUser(*token).ok());
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound) << "sessions stay ended";
  EXPECT_TRUE(accounts_->Login("ana", password, "10.0.0.1").ok());
  EXPECT_EQ(accounts_->DisableUser("nobody").code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ASessionInUseStillEndsAtItsAbsoluteLifetime) {
  const std::string password = AddUser("ana");
  auto session = accounts_->Login("ana", password, "10.0.0.1");
  ASSERT_TRUE(session.ok());
  for (int hour = 0; hour < 23; ++hour) {
    clock_.Advance(std::chrono::hours(1));
    ASSERT_TRUE(accounts_->FindSession(session->id).ok()) << "hour " << hour;
  }
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(accounts_->FindSession(session->id).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST_F(AccountsTest, ABrowserThePersonLoggedInFromBeforeIsNeverKeptOutByGuessesElsewhere) {
  const std::string password = AddUser("ana");
  auto first = accounts_->Login("ana", password, "192.168.1.20");
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->device.empty());
  // Guesses from many addresses, and from her own office's address (NAT), as fast as allowed.
  for (int i = 0; i < 60; ++i) {
    (void)accounts_->Login("ana", "guess", "10.6.0." + std::to_string(i));
    (void)accounts_->Login("user" + std::to_string(i), "guess", "192.168.1.20");
  }
  int64_t retry_after = 0;
  EXPECT_EQ(accounts_->Login("ana", password, "192.168.1.20", &retry_after).status().code(),
            StatusCode::kLimitExceeded)
      << "a new browser is slowed";
  auto known = accounts_->Login("ana", password, "192.168.1.20", nullptr, first->device);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  EXPECT_EQ(known->device, first->device);
  // A cookie that is no device of hers does not count.
  EXPECT_EQ(accounts_->Login("ana", password, "192.168.1.20", nullptr, "not-a-device").status().code(),
            StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST_F(AccountsTest, TheSecurityLogRecordsWhoDidWhatAndShowsAnyChange) {
  const std::string password = AddUser("ana");
  ASSERT_TRUE(accounts_->Login("ana", password, "10.0.0.1").ok());
  ASSERT_FALSE(accounts_->Login("ana", "guess", "10.6.6.6").ok());
  ASSERT_TRUE(accounts_->CreateApiToken("ana", "scanner", 0, "boss").ok());
  ASSERT_TRUE(accounts_->DisableUser("ana", "boss").ok());
  auto events = accounts_->security_log().List(0, 100);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (const SecurityEvent& event : *events) kinds.push_back(event.kind + "/" + event.actor + "/" + event.client);
  EXPECT_EQ(kinds, (std::vector<std::string>{"user_added/cli/", "login/ana/10.0.0.1", "login_failed/ana/10.6.6.6",
                                             "token_created/boss/", "user_disabled/boss/"}));
  auto intact = accounts_->security_log().Verify();
  ASSERT_TRUE(intact.ok());
  EXPECT_EQ(intact->first_broken_id, 0);
  EXPECT_EQ(intact->events, 5);
  EXPECT_EQ(intact->last_hash, events->back().hash);

  // Someone with the database file covers a failed login...
  Query("UPDATE security_events SET client = '10.0.0.1' WHERE id = 3");
  auto changed = accounts_->security_log().Verify();
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->first_broken_id, 3);
  EXPECT_NE(changed->problem.find("changed"), std::string::npos) << changed->problem;
  // ... or deletes it and re-hashes it away: the next entry no longer follows.
  Query("DELETE FROM security_events WHERE id = 3");
  auto deleted = accounts_->security_log().Verify();
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->first_broken_id, 4);
  EXPECT_NE(deleted->problem.find("missing"), std::string::npos) << deleted->problem;
}

TEST_F(AccountsTest, TheChainContinuesAcrossRestarts) {
  AddUser("ana");
  Open();
  AddUser("bob");
  auto verification = accounts_->security_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->first_broken_id, 0);
  EXPECT_EQ(verification->events, 2);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST_F(AccountsTest, AResetRevokesTheUsersTokens) {
  AddUser("erp", Role::kIntegration);
  auto token = accounts_->CreateApiToken("erp", "nightly");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(accounts_->ResetPassword("erp").ok());
  EXPECT_EQ(accounts_->FindApiTokenUser(*token).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace quai
