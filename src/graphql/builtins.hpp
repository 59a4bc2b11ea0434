#pragma once
// SDL text of what every schema contains before the user's file is read. Static storage.

#include <string_view>

namespace sluice::graphql::detail {

std::string_view spec_sdl() noexcept;  // spec scalars, directives and introspection types
std::string_view sluice_directives_sdl() noexcept;  // Sluice's directives
std::string_view sluice_scalars_sdl() noexcept;     // Sluice's scalars

}  // namespace sluice::graphql::detail
