#include "review/roles.h"

namespace quai {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kReviewer:
      return "reviewer";
    case Role::kViewer:
      return "viewer";
    case Role::kIntegration:
      return "integration";
  }
  return "viewer";
}

bool ParseRole(const std::string& name, Role* role) {
  for (Role candidate : {Role::kAdmin, Role::kReviewer, Role::kViewer, Role::kIntegration}) {
    if (name == RoleName(candidate)) {
      *role = candidate;
      return true;
    }
  }
  return false;
}

// The table of docs/api.md, "Roles".
bool RoleAllows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kRead:
      return true;
    case Permission::kUpload:
      return role != Role::kViewer;
    case Permission::kReview:
      return role == Role::kAdmin || role == Role::kReviewer;
    case Permission::kAdminister:
      return role == Role::kAdmin;
  }
  return false;
}

}  // namespace quai
