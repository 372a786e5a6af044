#include "avcsift/refpolicy/interface.hpp"

#include <algorithm>
#include <cctype>

namespace avcsift::refpolicy {

bool is_param(const std::string& word) {
  if (word.size() < 2 || word.size() > 3 || word[0] != '$') return false;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(word[i])) == 0) return false;
  }
  return word[1] != '0';
}

bool Interface::callable() const {
  if (params.empty()) return false;
  // Parameters are filled by kind, so two of one kind would get the same
  // value (`corenet_tcp_recvfrom_labeled($1, $2)` wants two different peers).
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (std::find(params.begin() + static_cast<std::ptrdiff_t>(i) + 1, params.end(), params[i]) != params.end()) {
      return false;
    }
  }
  return std::all_of(params.begin(), params.end(), [](ParamKind kind) {
    switch (kind) {
      case ParamKind::Source:
      case ParamKind::Target:
      case ParamKind::Class:
        return true;
      case ParamKind::Unused:
      case ParamKind::Other:
        return false;
    }
    return false;
  });
}

}  // namespace avcsift::refpolicy
