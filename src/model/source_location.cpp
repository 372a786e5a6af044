#include "avcsift/model/source_location.hpp"

namespace avcsift {

std::string SourceLocation::str() const {
  if (line == 0) return input;
  return input + ':' + std::to_string(line);
}

}  // namespace avcsift
