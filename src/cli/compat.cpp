// avcsift as audit2allow/audit2why: their options, translated into an
// avcsift command line, so both personalities run the same pipeline.
#include "avcsift/cli/compat.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "avcsift/cli/app.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kCompatUsage =
    "Usage: audit2allow [OPTIONS]   (avcsift's audit2allow and audit2why compatibility mode)\n"
    "  -a, --all            read the audit logs under /var/log/audit, rotated ones included\n"
    "  -b, --boot           read the audit logs, denials since the last boot only\n"
    "  -d, --dmesg          read the kernel ring buffer (dmesg)\n"
    "  -i, --input FILE     read FILE\n"
    "  -l, --lastreload     denials after the last policy load only\n"
    "  -m, --module NAME    print a complete module NAME\n"
    "  -M NAME              write NAME.te and build NAME.pp\n"
    "  -o, --output FILE    append the output to FILE\n"
    "  -C, --cil            print CIL\n"
    "  -D, --dontaudit      dontaudit rules instead of allow\n"
    "  -t, --type REGEX     denials whose source type starts with a match\n"
    "  -x, --xperms         allowxperm rules for ioctl commands\n"
    "  -p, --policy FILE    explain with the binary policy FILE\n"
    "  -w, --why            explain each denial (audit2why)\n"
    "  -R, --reference      call reference policy interfaces (headers in\n"
    "                       /usr/share/selinux/devel/include) where they cover the denials\n"
    "  --interface-info F   -R: sepolgen-ifgen's interface file F, or a header directory\n"
    "  --perm-map FILE      -R: the permission map (default /var/lib/sepolgen/perm_map)\n"
    "  -v, --verbose        -R: explain each interface call\n"
    "  -r, -N, -e, --debug: accepted (see avcsift(1))\n"
    "avcsift's own commands: avcsift --help\n";

/// Boot time from /proc/stat's btime, for -b.
std::string boot_time() {
  std::ifstream stat("/proc/stat");
  std::string key;
  long long value = 0;
  while (stat >> key) {
    if (key == "btime" && (stat >> value)) return std::to_string(value);
    stat.ignore(1 << 20, '\n');
  }
  return "0";
}

}  // namespace

Personality personality_of(std::string_view argv0) {
  const auto slash = argv0.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
  if (name == "audit2allow") return Personality::Audit2allow;
  if (name == "audit2why") return Personality::Audit2why;
  return Personality::Avcsift;
}

std::vector<std::string> audit_log_files(const std::string& dir) {
  // audit.log.N is older the larger N is; audit.log itself is the newest.
  // N is compared as digits (shorter is smaller), not converted: a name with
  // more digits than a long holds is still a rotation, not an exception.
  std::vector<std::pair<std::string, std::string>> rotated;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("audit.log.")) continue;
    std::string number = name.substr(10);
    if (number.ends_with(".gz")) number.resize(number.size() - 3);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) continue;
    number.erase(0, std::min(number.find_first_not_of('0'), number.size() - 1));
    rotated.emplace_back(std::move(number), entry.path().string());
  }
  std::sort(rotated.begin(), rotated.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a.first > b.first;
  });
  std::vector<std::string> files;
  for (auto& [number, path] : rotated) files.push_back(std::move(path));
  if (fs::exists(fs::path(dir) / "audit.log")) files.push_back((fs::path(dir) / "audit.log").string());
  return files;
}

CompatTranslation translate_compat(Personality personality, const std::vector<std::string>& args) {
  std::string input, module, package, output, type, policy, perm_map, interface_info;
  bool all = false, boot = false, dmesg = false, lastreload = false, requires_ = false,
       reference = false, no_reference = false, cil = false, dontaudit = false, explain = false,
       verbose = false, xperms = false, why_option = false, debug = false;
  po::options_description described;
  described.add_options()
      ("help,h", "")("all,a", po::bool_switch(&all), "")("boot,b", po::bool_switch(&boot), "")
      ("dmesg,d", po::bool_switch(&dmesg), "")("input,i", po::value(&input), "")
      ("lastreload,l", po::bool_switch(&lastreload), "")("requires,r", po::bool_switch(&requires_), "")
      ("module,m", po::value(&module), "")("module-package,M", po::value(&package), "")
      ("output,o", po::value(&output), "")("reference,R", po::bool_switch(&reference), "")
      ("noreference,N", po::bool_switch(&no_reference), "")("cil,C", po::bool_switch(&cil), "")
      ("dontaudit,D", po::bool_switch(&dontaudit), "")("explain,e", po::bool_switch(&explain), "")
      ("verbose,v", po::bool_switch(&verbose), "")("type,t", po::value(&type), "")
      ("xperms,x", po::bool_switch(&xperms), "")("why,w", po::bool_switch(&why_option), "")
      ("policy,p", po::value(&policy), "")("perm-map", po::value(&perm_map), "")
      ("interface-info", po::value(&interface_info), "")("debug", po::bool_switch(&debug), "");
  po::variables_map map;
  try {
    po::store(po::command_line_parser(args).options(described).run(), map);
    po::notify(map);
  } catch (const po::error& error) {
    throw Error(error.what(), ExitStatus::Usage);
  }
  const bool why = why_option || personality == Personality::Audit2why;
  CompatTranslation t;
  if (map.count("help") != 0) {
    t.help = true;
    return t;
  }
  // The conflicts audit2allow refuses.
  if ((all || boot) && !input.empty()) throw Error("--all/--boot conflicts with --input", ExitStatus::Usage);
  if ((all || boot) && dmesg) throw Error("--all/--boot conflicts with --dmesg", ExitStatus::Usage);
  if (!input.empty() && dmesg) throw Error("--input conflicts with --dmesg", ExitStatus::Usage);
  if (!package.empty() && !output.empty()) throw Error("--module-package conflicts with --output", ExitStatus::Usage);
  if (!package.empty() && !module.empty()) throw Error("--module-package conflicts with --module", ExitStatus::Usage);

  std::vector<std::string>& a = t.avcsift_args;
  a.push_back(why ? "why" : "allow");
  if (!input.empty()) a.insert(a.end(), {"-i", input});
  if (all || boot) {
    const auto files = audit_log_files("/var/log/audit");
    if (files.empty()) throw Error("no audit logs under /var/log/audit");
    for (const auto& file : files) a.insert(a.end(), {"-i", file});
  }
  if (boot) a.insert(a.end(), {"--since", boot_time()});
  if (dmesg) a.insert(a.end(), {"--dmesg"});
  if (lastreload) a.push_back("--since-last-load");
  if (!policy.empty()) a.insert(a.end(), {"-p", policy});
  if (!why) {
    if (!module.empty()) a.insert(a.end(), {"-m", module});
    if (!package.empty()) a.insert(a.end(), {"-M", package});
    if (cil) a.push_back("--cil");
    if (dontaudit) a.push_back("-D");
    if (xperms) a.push_back("-x");
    if (!type.empty()) a.insert(a.end(), {"-t", type, "--type-or-target"});
    if (!output.empty()) t.append_to = output;
  }
  // -R: interfaces, with audit2allow's own choice of one-parameter ones.
  const bool use_reference = reference && !no_reference && !why;
  if (use_reference) {
    a.insert(a.end(), {"-R", "--one-parameter"});
    if (verbose) a.push_back("-v");
    if (!perm_map.empty()) a.insert(a.end(), {"--perm-map", perm_map});
    if (!interface_info.empty()) {
      // A directory holds headers; a file is sepolgen-ifgen's output.
      std::error_code error;
      a.insert(a.end(), {fs::is_directory(interface_info, error) ? "--include-dir" : "--interface-info",
                         interface_info});
    }
  } else if (!perm_map.empty() || !interface_info.empty()) {
    t.notes.push_back("--perm-map/--interface-info are only used with -R");
  }
  if (explain || (verbose && !use_reference)) {
    t.notes.push_back("-e/-v: rules are annotated with their reasons whenever a policy is available");
  }
  if (debug) t.notes.push_back("--debug: -M leaves no intermediate files to keep");
  return t;
}

int run_compat(Personality personality, const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  CompatTranslation t;
  const int translated = run_guarded(out, err, [&] {
    t = translate_compat(personality, args);
    return 0;
  });
  if (translated != 0) return translated;
  if (t.help) {
    out << kCompatUsage;
    return 0;
  }
  for (const auto& note : t.notes) err << "avcsift: info: " << note << '\n';
  if (t.append_to.empty()) return run_app(t.avcsift_args, out, err);
  // audit2allow -o appends; the output is complete before the file is touched.
  std::ostringstream buffer;
  const int status = run_app(t.avcsift_args, buffer, err);
  std::ofstream file(t.append_to, std::ios::app | std::ios::binary);
  file << buffer.str();
  file.flush();
  if (!file) {
    err << "avcsift: error: " << t.append_to << ": cannot append\n";
    return static_cast<int>(ExitStatus::Failure);
  }
  return status;
}

}  // namespace avcsift::cli
