#include "review/roles.h"

#include "gtest/gtest.h"

namespace quai {
namespace {

// docs/api.md, "Roles": one row per permission, one column per role.
TEST(RoleTable, MatchesTheApiContract) {
  struct Row {
    Permission permission;
    bool admin, reviewer, viewer, integration;
  };
  const Row table[] = {
      {Permission::kRead, true, true, true, true},
      {Permission::kUpload, true, true, false, true},
      {Permission::kReview, true, true, false, false},
      {Permission::kAdminister, true, false, false, false},
  };
  for (const Row& row : table) {
    EXPECT_EQ(RoleAllows(Role::kAdmin, row.permission), row.admin);
    EXPECT_EQ(RoleAllows(Role::kReviewer, row.permission), row.reviewer);
    EXPECT_EQ(RoleAllows(Role::kViewer, row.permission), row.viewer);
    EXPECT_EQ(RoleAllows(Role::kIntegration, row.permission), row.integration);
  }
}

TEST(RoleNames, ReadBackAndUnknownNamesAreRefused) {
  for (Role role : {Role::kAdmin, Role::kReviewer, Role::kViewer, Role::kIntegration}) {
    Role parsed = Role::kViewer;
    ASSERT_TRUE(ParseRole(RoleName(role), &parsed)) << RoleName(role);
    EXPECT_EQ(parsed, role);
  }
  Role untouched = Role::kReviewer;
  EXPECT_FALSE(ParseRole("root", &untouched));
  EXPECT_FALSE(ParseRole("Admin", &untouched));
  EXPECT_FALSE(ParseRole("", &untouched));
  EXPECT_EQ(untouched, Role::kReviewer);
}

}  // namespace
}  // namespace quai
