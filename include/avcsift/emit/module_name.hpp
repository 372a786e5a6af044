#pragma once
/// Which names may be given to a policy module.
#include <string_view>

namespace avcsift::emit {

/// True when `name` can name a module for checkmodule and semodule: a valid
/// identifier that is not a policy language keyword (`t1`, `u2`, `allow`, ...),
/// which checkmodule's parser would read as that keyword and reject.
[[nodiscard]] bool is_valid_module_name(std::string_view name);

}  // namespace avcsift::emit
