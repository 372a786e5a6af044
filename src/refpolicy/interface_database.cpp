#include "avcsift/refpolicy/interface_database.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
#include <sstream>

namespace avcsift::refpolicy {
namespace {

constexpr std::string_view kMagic = "avcsift-interface-db 1";

char letter_of(ParamKind kind) {
  switch (kind) {
    case ParamKind::Unused: return 'u';
    case ParamKind::Source: return 's';
    case ParamKind::Target: return 't';
    case ParamKind::Class: return 'c';
    case ParamKind::Other: return 'o';
  }
  return 'o';
}

std::optional<ParamKind> kind_of(char letter) {
  switch (letter) {
    case 'u': return ParamKind::Unused;
    case 's': return ParamKind::Source;
    case 't': return ParamKind::Target;
    case 'c': return ParamKind::Class;
    case 'o': return ParamKind::Other;
    default: return std::nullopt;
  }
}

}  // namespace

InterfaceDatabase::InterfaceDatabase(std::vector<Interface> interfaces) : interfaces_(std::move(interfaces)) {
  std::sort(interfaces_.begin(), interfaces_.end(),
            [](const Interface& a, const Interface& b) { return a.name < b.name; });
}

InterfaceDatabase InterfaceDatabase::from_headers(const std::filesystem::path& include_dir) {
  HeaderStats header_stats;
  const auto parsed = read_headers(include_dir, header_stats);
  ExpansionStats expansion_stats;
  InterfaceDatabase database(expand_interfaces(parsed, expansion_stats));
  database.header_stats = std::move(header_stats);
  database.expansion_stats = expansion_stats;
  return database;
}

const Interface* InterfaceDatabase::find(std::string_view name) const {
  const auto found = std::lower_bound(interfaces_.begin(), interfaces_.end(), name,
                                      [](const Interface& one, std::string_view n) { return one.name < n; });
  return found != interfaces_.end() && found->name == name ? &*found : nullptr;
}

std::size_t InterfaceDatabase::callable_count(bool multi_parameter) const {
  return static_cast<std::size_t>(std::count_if(interfaces_.begin(), interfaces_.end(), [&](const Interface& one) {
    return one.callable() && (multi_parameter || one.params.size() == 1);
  }));
}

void InterfaceDatabase::write(std::ostream& out) const {
  out << kMagic << '\n';
  const HeaderStats& s = header_stats;
  out << "S " << s.files_read << ' ' << s.files_skipped << ' ' << s.interfaces << ' ' << s.templates << ' '
      << expansion_stats.missing_calls << ' ' << expansion_stats.cycles << '\n';
  for (const auto& problem : s.problems) out << "P " << problem << '\n';
  for (const auto& one : interfaces_) {
    std::string params;
    for (const auto kind : one.params) params += letter_of(kind);
    out << "I " << one.name << ' ' << one.file << ' ' << (one.is_template ? 't' : 'i') << ' '
        << (params.empty() ? "-" : params) << '\n';
    for (const auto& rule : one.rules) {
      out << "R " << rule.source << ' ' << rule.target << ' ' << rule.tclass;
      for (const auto& perm : rule.perms) out << ' ' << perm;
      out << '\n';
    }
  }
  out << "E\n";
}

std::optional<InterfaceDatabase> InterfaceDatabase::read(std::istream& in) {
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return std::nullopt;
  std::vector<Interface> interfaces;
  HeaderStats header_stats;
  ExpansionStats expansion_stats;
  bool ended = false;
  while (std::getline(in, line)) {
    if (line.size() < 1) return std::nullopt;
    if (line == "E") {
      ended = true;
      break;
    }
    if (line.size() < 3 || line[1] != ' ') return std::nullopt;
    std::istringstream words(line.substr(2));
    switch (line[0]) {
      case 'S':
        if (!(words >> header_stats.files_read >> header_stats.files_skipped >> header_stats.interfaces >>
              header_stats.templates >> expansion_stats.missing_calls >> expansion_stats.cycles)) {
          return std::nullopt;
        }
        break;
      case 'P':
        header_stats.problems.push_back(line.substr(2));
        break;
      case 'I': {
        Interface one;
        std::string kind, params;
        if (!(words >> one.name >> one.file >> kind >> params) || (kind != "i" && kind != "t")) return std::nullopt;
        one.is_template = kind == "t";
        if (params != "-") {
          for (const char letter : params) {
            const auto param = kind_of(letter);
            if (!param) return std::nullopt;
            one.params.push_back(*param);
          }
        }
        interfaces.push_back(std::move(one));
        break;
      }
      case 'R': {
        AccessRule rule;
        if (interfaces.empty() || !(words >> rule.source >> rule.target >> rule.tclass)) return std::nullopt;
        for (std::string perm; words >> perm;) rule.perms.insert(perm);
        if (rule.perms.empty()) return std::nullopt;
        interfaces.back().rules.push_back(std::move(rule));
        break;
      }
      default:
        return std::nullopt;
    }
  }
  // A cache cut short (a full disk) lacks the end marker.
  if (!ended) return std::nullopt;
  InterfaceDatabase database(std::move(interfaces));
  database.header_stats = std::move(header_stats);
  database.expansion_stats = expansion_stats;
  return database;
}

}  // namespace avcsift::refpolicy
