// Roles and what each may do. Every request is checked on the server against
// RoleAllows before it touches anything.
//   admin:       everything, plus users and settings
//   reviewer:    read, upload, correct, validate, reject
//   viewer:      read only
//   integration: read and upload (API tokens for scripts and the ERP)
#pragma once

#include <string>

namespace quai {

enum class Role { kAdmin, kReviewer, kViewer, kIntegration };
enum class Permission { kRead, kUpload, kReview, kAdminister };

const char* RoleName(Role role);  // "admin", "reviewer", "viewer", "integration"
bool ParseRole(const std::string& name, Role* role);
bool RoleAllows(Role role, Permission permission);

}  // namespace quai
