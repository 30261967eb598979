// The AccountStore contract (account_store.h) as tests every backend must
// pass: users, sessions, API tokens, login throttling, known devices and the
// security log, with login attempts and the log's chain serialised across
// connections (two processes). Include it in a backend's test file and
// instantiate it with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/account_store.h"
#include "storage/store_under_test.h"

namespace quai {

class AccountStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-03-02T08:00:00Z
  AccountStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8)) {}

  AccountStore* accounts() { return store_->accounts(); }

  int64_t AddUser(const std::string& name, const std::string& role = "reviewer") {
    StoredUser user;
    user.name = name;
    user.role = role;
    user.password_hash = "$argon2id$placeholder";
    user.created_at = "2026-03-02T08:00:00Z";
    auto id = accounts()->AddUser(user);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The name of the user the token opens, "" when it opens nothing.
  std::string TokenUser(const std::string& token_hash, const std::string& now) {
    auto user = accounts()->FindApiTokenUser(token_hash, now);
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() && user->has_value() ? (*user)->name : "";
  }

  bool HasSession(const std::string& id_hash) {
    auto found = accounts()->FindSession(id_hash);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() && found->has_value();
  }
};

TEST_P(AccountStoreConformance, UserNamesAreUniqueAndListedByName) {
  AddUser("zoe");
  AddUser("ana", "admin");
  StoredUser again;
  again.name = "ana";
  again.role = "viewer";
  again.password_hash = "x";
  auto duplicate = accounts()->AddUser(again);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(duplicate.status().message().find("ana"), std::string::npos);

  auto users = accounts()->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "ana");
  EXPECT_EQ((*users)[0].role, "admin");
  EXPECT_EQ((*users)[1].name, "zoe");
  EXPECT_EQ(accounts()->SetPasswordHash("nobody", "h").code(), StatusCode::kNotFound);
}

TEST_P(AccountStoreConformance, NewPasswordEndsTheUsersSessions) {
  const int64_t user = AddUser("ana");
  StoredSession session{"hash-1", user, "csrf-1", "2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z"};
  ASSERT_TRUE(accounts()->AddSession(session).ok());
  auto found = accounts()->FindSession("hash-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->first.csrf_token, "csrf-1");
  EXPECT_EQ((*found)->second.name, "ana");

  ASSERT_TRUE(accounts()->SetPasswordHash("ana", "new-hash").ok());
  found = accounts()->FindSession("hash-1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  auto user_row = accounts()->FindUser("ana");
  ASSERT_TRUE(user_row.ok() && user_row->has_value());
  EXPECT_EQ((*user_row)->password_hash, "new-hash");
}

TEST_P(AccountStoreConformance, LoginAttemptsSeeTheirFailuresInEachScopeAndAWaitRefusesUncounted) {
  LoginFailures seen;
  int64_t wait = 0;
  LoginAttempt attempt{"ana", "10.0.0.1", "2026-03-02T08:00:00Z", "2026-03-02T07:45:00Z",
                       [&](const LoginFailures& failures) {
                         seen = failures;
                         return wait;
                       }};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(accounts()->BeginLoginAttempt(attempt).ok()) << i;
  LoginAttempt other = attempt;
  other.user_name = "bob";
  other.at = "2026-03-02T08:00:09Z";
  auto bob = accounts()->BeginLoginAttempt(other);
  ASSERT_TRUE(bob.ok());
  EXPECT_GT(bob->attempt_id, 0);
  EXPECT_EQ(seen.name_from_client.count, 0);
  EXPECT_EQ(seen.name.count, 0);
  EXPECT_EQ(seen.client.count, 3);
  EXPECT_EQ(seen.client.seconds_since_latest, 9);

  // A wait refuses the attempt without counting it.
  wait = 7;
  auto refused = accounts()->BeginLoginAttempt(attempt);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->retry_after_seconds, 7);
  wait = 0;
  other.client = "10.0.0.2";
  ASSERT_TRUE(accounts()->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.name_from_client.count, 3) << "the refused attempt was counted";
  EXPECT_EQ(seen.client.count, 4);

  // A success forgets the attempt and the name's failures, not the client's.
  ASSERT_TRUE(accounts()->LoginSucceeded(bob->attempt_id, "bob").ok());
  ASSERT_TRUE(accounts()->BeginLoginAttempt(other).ok());
  EXPECT_EQ(seen.name.count, 0);
  ASSERT_TRUE(accounts()->ClearLoginFailures("ana").ok());
  ASSERT_TRUE(accounts()->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.name.count, 0);

  // Failures older than the window no longer count.
  attempt.since = "2026-03-02T08:00:10Z";
  attempt.at = "2026-03-02T08:15:01Z";
  ASSERT_TRUE(accounts()->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.client.count, 0);
  EXPECT_EQ(seen.client.seconds_since_latest, -1);
}

TEST_P(AccountStoreConformance, SessionsEndWhenExpiredOnTheNextLoginWhenRemovedAndWhenTheUserIsDisabled) {
  const int64_t ana = AddUser("ana");
  ASSERT_TRUE(accounts()->AddSession({"old", ana, "c0", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"}).ok());
  ASSERT_TRUE(accounts()->AddSession({"kept", ana, "c1", "2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z"}).ok());
  ASSERT_TRUE(accounts()->ExtendSession("old", "2026-03-02T09:30:00Z").ok());
  auto extended = accounts()->FindSession("old");
  ASSERT_TRUE(extended.ok() && extended->has_value());
  EXPECT_EQ((*extended)->first.expires_at, "2026-03-02T09:30:00Z");
  // A session opened later forgets those that expired before it.
  ASSERT_TRUE(accounts()->AddSession({"new", ana, "c2", "2026-03-02T10:00:00Z", "2026-03-02T22:00:00Z"}).ok());
  EXPECT_FALSE(HasSession("old"));
  EXPECT_TRUE(HasSession("kept"));
  ASSERT_TRUE(accounts()->RemoveSession("kept").ok());
  EXPECT_FALSE(HasSession("kept"));

  ASSERT_TRUE(accounts()->SetUserDisabled("ana", "2026-03-02T11:00:00Z").ok());
  EXPECT_FALSE(HasSession("new"));
  auto disabled = accounts()->FindUser("ana");
  ASSERT_TRUE(disabled.ok() && disabled->has_value());
  EXPECT_EQ((*disabled)->disabled_at, "2026-03-02T11:00:00Z");
  ASSERT_TRUE(accounts()->SetUserDisabled("ana", "").ok());
  disabled = accounts()->FindUser("ana");
  ASSERT_TRUE(disabled.ok() && disabled->has_value());
  EXPECT_EQ((*disabled)->disabled_at, "");
  EXPECT_EQ(accounts()->SetUserDisabled("nobody", "2026-03-02T11:00:00Z").code(), StatusCode::kNotFound);
}

TEST_P(AccountStoreConformance, SetUserRoleChangesTheRoleSeenBySessionsAndTokens) {
  const int64_t ana = AddUser("ana");
  ASSERT_TRUE(accounts()->AddSession({"s1", ana, "c1", "2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z"}).ok());
  ASSERT_TRUE(accounts()->SetUserRole("ana", "admin").ok());
  auto user = accounts()->FindUser("ana");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_EQ((*user)->role, "admin");
  auto session = accounts()->FindSession("s1");
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->second.role, "admin");
  EXPECT_EQ(accounts()->SetUserRole("nobody", "viewer").code(), StatusCode::kNotFound);
}

TEST_P(AccountStoreConformance, ApiTokensOpenTheirUserUntilRevokedExpiredOrTheUserDisabled) {
  const int64_t ana = AddUser("ana");
  StoredApiToken forever{0, "hash-forever", ana, "", "ci", "2026-03-02T08:00:00Z", "", ""};
  StoredApiToken dated{0, "hash-dated", ana, "", "script", "2026-03-02T08:01:00Z", "2026-03-03T00:00:00Z", ""};
  ASSERT_TRUE(accounts()->AddApiToken(forever).ok());
  ASSERT_TRUE(accounts()->AddApiToken(dated).ok());
  EXPECT_EQ(TokenUser("hash-forever", "2030-01-01T00:00:00Z"), "ana");
  EXPECT_EQ(TokenUser("hash-dated", "2026-03-02T23:59:59Z"), "ana");
  EXPECT_EQ(TokenUser("hash-dated", "2026-03-03T00:00:00Z"), "");  // expired at its time
  EXPECT_EQ(TokenUser("hash-unknown", "2026-03-02T09:00:00Z"), "");

  auto listed = accounts()->ListApiTokens();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].label, "ci");  // oldest first
  EXPECT_EQ((*listed)[0].user_name, "ana");
  EXPECT_EQ((*listed)[0].token_hash, "");  // never listed
  EXPECT_EQ((*listed)[1].expires_at, "2026-03-03T00:00:00Z");
  const int64_t forever_id = (*listed)[0].id;

  ASSERT_TRUE(accounts()->RevokeApiToken(forever_id, "2026-03-02T09:00:00Z").ok());
  ASSERT_TRUE(accounts()->RevokeApiToken(forever_id, "2026-03-02T10:00:00Z").ok());
  EXPECT_EQ(TokenUser("hash-forever", "2026-03-02T11:00:00Z"), "");
  EXPECT_EQ(accounts()->RevokeApiToken(forever_id + 100, "2026-03-02T10:00:00Z").code(), StatusCode::kNotFound);

  ASSERT_TRUE(accounts()->SetUserDisabled("ana", "2026-03-02T11:00:00Z").ok());
  EXPECT_EQ(TokenUser("hash-dated", "2026-03-02T12:00:00Z"), "");
  ASSERT_TRUE(accounts()->SetUserDisabled("ana", "").ok());
  EXPECT_EQ(TokenUser("hash-dated", "2026-03-02T12:00:00Z"), "ana");
  ASSERT_TRUE(accounts()->RevokeUserApiTokens("ana", "2026-03-02T13:00:00Z").ok());
  EXPECT_EQ(TokenUser("hash-dated", "2026-03-02T14:00:00Z"), "");

  listed = accounts()->ListApiTokens();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].revoked_at, "2026-03-02T09:00:00Z");  // revoking again kept the first time
  EXPECT_EQ((*listed)[1].revoked_at, "2026-03-02T13:00:00Z");
}

TEST_P(AccountStoreConformance, ADeviceIsKnownForTheUserItLoggedInAs) {
  AddUser("ana");
  AddUser("bob");
  ASSERT_TRUE(accounts()->AddKnownDevice("device-1", "ana", "2026-03-02T08:00:00Z").ok());
  ASSERT_TRUE(accounts()->AddKnownDevice("device-1", "ana", "2026-03-02T09:00:00Z").ok());  // again: no error
  auto known = accounts()->IsKnownDevice("device-1", "ana");
  ASSERT_TRUE(known.ok());
  EXPECT_TRUE(*known);
  known = accounts()->IsKnownDevice("device-1", "bob");
  ASSERT_TRUE(known.ok());
  EXPECT_FALSE(*known);
  known = accounts()->IsKnownDevice("device-2", "ana");
  ASSERT_TRUE(known.ok());
  EXPECT_FALSE(*known);
}

TEST_P(AccountStoreConformance, SecurityEventsAreChainedAndListedAfterAnId) {
  for (const char* kind : {"login", "logout", "user_added"}) {
    SecurityEvent event;
    event.at = "2026-03-02T08:00:00Z";
    event.kind = kind;
    event.actor = "ana";
    event.id = 99;                 // set by the store
    event.previous_hash = "fake";  // set by the store
    auto stored = accounts()->AppendSecurityEvent(event);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(stored->hash, SecurityEventHash(*stored));
  }
  auto events = accounts()->ListSecurityEvents(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].id, 1);
  EXPECT_EQ((*events)[0].previous_hash, FirstPreviousHash());
  EXPECT_EQ((*events)[1].previous_hash, (*events)[0].hash);
  EXPECT_EQ((*events)[2].kind, "user_added");
  auto after = accounts()->ListSecurityEvents(1, 1);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].id, 2);
}

// Guesses at names through two processes at once: every failure is counted,
// and no attempt is decided on a count that misses one taken at the same time.
TEST_P(AccountStoreConformance, LoginAttemptsFromTwoConnectionsAreEachCountedAndNoneSlipsPastTheLimit) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kAttemptsEach = 15;
  constexpr int kFree = 10;
  std::atomic<int> admitted{0}, refused{0}, failures{0};
  auto guess = [&](AccountStore* store, const std::string& name, bool limited) {
    for (int i = 0; i < kAttemptsEach; ++i) {
      LoginAttempt attempt{name, "10.0.0.1", "2026-03-02T08:00:00Z", "2026-03-02T07:45:00Z",
                           [limited](const LoginFailures& failures) -> int64_t {
                             return limited && failures.name_from_client.count >= kFree ? 60 : 0;
                           }};
      auto admission = store->BeginLoginAttempt(attempt);
      if (!admission.ok()) {
        ++failures;
      } else if (admission->retry_after_seconds > 0) {
        ++refused;
      } else if (limited) {
        ++admitted;
      }
    }
  };
  // Unlimited: every attempt counted.
  std::thread first(guess, accounts(), "ana", false);
  std::thread second(guess, other->accounts(), "ana", false);
  first.join();
  second.join();
  // Limited: exactly the free attempts go on.
  std::thread third(guess, accounts(), "bob", true);
  std::thread fourth(guess, other->accounts(), "bob", true);
  third.join();
  fourth.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(admitted.load(), kFree);
  EXPECT_EQ(refused.load(), 2 * kAttemptsEach - kFree);

  LoginFailures seen;
  auto look = [&](const std::string& name) {
    LoginAttempt attempt{name, "10.0.0.1", "2026-03-02T08:00:00Z", "2026-03-02T07:45:00Z",
                         [&](const LoginFailures& failures) -> int64_t {
                           seen = failures;
                           return 1;  // refused: a look, not an attempt
                         }};
    ASSERT_TRUE(accounts()->BeginLoginAttempt(attempt).ok());
  };
  look("ana");
  EXPECT_EQ(seen.name_from_client.count, 2 * kAttemptsEach);
  look("bob");
  EXPECT_EQ(seen.name_from_client.count, kFree);
}

// Two processes recording at once: one chain, ids without gaps, never forked.
TEST_P(AccountStoreConformance, SecurityEventsFromTwoConnectionsFormOneChain) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kEventsEach = 20;
  std::atomic<int> failures{0};
  auto record = [&](AccountStore* store, const std::string& actor) {
    for (int i = 0; i < kEventsEach; ++i) {
      SecurityEvent event;
      event.at = "2026-03-02T08:00:00Z";
      event.kind = "login";
      event.actor = actor;
      event.detail = std::to_string(i);
      if (!store->AppendSecurityEvent(event).ok()) ++failures;
    }
  };
  std::thread first(record, accounts(), "ana");
  std::thread second(record, other->accounts(), "bob");
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  auto events = accounts()->ListSecurityEvents(0, 1000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), static_cast<size_t>(2 * kEventsEach));
  for (size_t i = 0; i < events->size(); ++i) {
    const SecurityEvent& event = (*events)[i];
    EXPECT_EQ(event.id, static_cast<int64_t>(i + 1));
    EXPECT_EQ(event.previous_hash, i == 0 ? FirstPreviousHash() : (*events)[i - 1].hash) << "event " << event.id;
    EXPECT_EQ(event.hash, SecurityEventHash(event)) << "event " << event.id;
  }
}

}  // namespace quai
