#include "avcsift/parse/event_reader.hpp"

#include <auparse.h>

#include <array>
#include <cstring>

#include "avcsift/parse/avc_parser.hpp"
#include "avcsift/parse/context_records.hpp"
#include "avcsift/parse/selinux_err_parser.hpp"

namespace avcsift::parse {
namespace {

// Record type numbers (linux/audit.h); libaudit's header is not needed for a
// handful of constants.
constexpr int kUserAvc = 1107;
constexpr int kSyscall = 1300;
constexpr int kPath = 1302;
constexpr int kSockaddr = 1306;
constexpr int kCwd = 1307;
constexpr int kProctitle = 1327;
constexpr int kAvc = 1400;
constexpr int kSelinuxErr = 1401;
constexpr int kAvcPath = 1402;
constexpr int kMacPolicyLoad = 1403;

/// libauparse numbers the lines it is fed; this remembers which input line
/// each fed line came from. Events complete within a few hundred records, so
/// a fixed window is enough; older lines are reported without a number.
class LineMap {
 public:
  void add(std::uint64_t source_line) { lines_[fed_++ % lines_.size()] = source_line; }
  [[nodiscard]] std::uint64_t source_line(std::uint64_t fed_line) const {
    if (fed_line == 0 || fed_line > fed_ || fed_ - fed_line >= lines_.size()) return 0;
    return lines_[(fed_line - 1) % lines_.size()];
  }

 private:
  std::array<std::uint64_t, 1 << 16> lines_{};
  std::uint64_t fed_ = 0;
};

/// The body of a record: what follows `msg=audit(...):`.
std::string_view record_body(std::string_view text) {
  const auto stamp = text.find("msg=audit(");
  if (stamp == std::string_view::npos) return {};
  const auto close = text.find(')', stamp);
  if (close == std::string_view::npos || close + 1 >= text.size()) return {};
  return text.substr(close + 2);  // past "):"
}

bool is_access_error(const SyscallInfo& syscall) {
  return syscall.success == false &&
         (syscall.exit == "-13" || syscall.exit == "-1" || syscall.exit.starts_with("EACCES") ||
          syscall.exit.starts_with("EPERM"));
}

/// Fills in what the AVC record itself does not say from the rest of the event.
void enrich(Denial& denial, const AuditEvent& event, const std::string& avc_path) {
  if (event.syscall) {
    if (denial.comm.empty()) denial.comm = event.syscall->comm;
    if (denial.exe.empty()) denial.exe = event.syscall->exe;
  }
  if (denial.path.empty()) denial.path = avc_path;
  if (denial.path.empty()) {
    for (const auto& name : event.paths) {
      if (name.starts_with('/')) {
        denial.path = name;
        break;
      }
    }
  }
  if (denial.path.empty() && !event.paths.empty() && event.cwd.starts_with('/')) {
    denial.path = event.cwd + (event.cwd.ends_with('/') ? "" : "/") + event.paths.front();
  }
}

}  // namespace

struct EventReader::Impl {
  std::string input;
  EventSink& sink;
  Diagnostics& diagnostics;
  ParseStats& stats;
  auparse_state_t* au = nullptr;
  LineMap lines;

  Impl(std::string input_name, EventSink& s, Diagnostics& d, ParseStats& st)
      : input(std::move(input_name)), sink(s), diagnostics(d), stats(st) {}

  SourceLocation location() const {
    return {input, lines.source_line(auparse_get_line_number(au))};
  }

  void bad_record(const std::string& problem) {
    ++stats.malformed_records;
    diagnostics.warn(location(), problem);
  }

  void handle_avc(int type, const std::string_view text, AuditEvent& event) {
    const auto origin = type == kAvc ? DecisionOrigin::Kernel : DecisionOrigin::Userspace;
    AvcParse parsed = parse_avc(record_body(text), origin);
    switch (parsed.kind) {
      case AvcKind::Decision:
        parsed.denial.record.assign(text);
        parsed.denial.where = location();
        (parsed.denial.granted ? stats.granted : stats.denials) += 1;
        event.denials.push_back(std::move(parsed.denial));
        return;
      case AvcKind::PolicyLoad:
        event.policy_load = true;
        return;
      case AvcKind::OtherNotice:
        return;
      case AvcKind::Malformed:
        bad_record(parsed.problem);
        return;
    }
  }

  void handle_selinux_err(std::string_view text, AuditEvent& event) {
    SelinuxErrParse parsed = parse_selinux_err(record_body(text));
    switch (parsed.kind) {
      case SelinuxErrKind::InvalidContext:
        parsed.report.where = location();
        event.invalid_contexts.push_back(std::move(parsed.report));
        return;
      case SelinuxErrKind::Other:
        return;
      case SelinuxErrKind::Malformed:
        bad_record(parsed.problem);
        return;
    }
  }

  void on_event() {
    ++stats.events;
    AuditEvent event;
    if (const au_event_t* stamp = auparse_get_timestamp(au)) {
      event.stamp = {static_cast<std::int64_t>(stamp->sec), stamp->milli, stamp->serial};
      if (stamp->host != nullptr) event.node = stamp->host;
    }
    std::string avc_path;
    if (auparse_first_record(au) <= 0) return;
    event.where = location();
    do {
      const char* raw = auparse_get_record_text(au);
      if (raw == nullptr) continue;
      const std::string_view text(raw);
      switch (const int type = auparse_get_type(au)) {
        case kAvc:
        case kUserAvc: handle_avc(type, text, event); break;
        case kSelinuxErr: handle_selinux_err(text, event); break;
        case kMacPolicyLoad: event.policy_load = true; break;
        case kSyscall: read_syscall(record_body(text), event); break;
        case kPath: read_path(record_body(text), event); break;
        case kCwd: read_cwd(record_body(text), event); break;
        case kProctitle: read_proctitle(record_body(text), event); break;
        case kSockaddr: read_sockaddr(record_body(text), event); break;
        case kAvcPath: avc_path = read_avc_path(record_body(text)); break;
        default: break;
      }
    } while (auparse_next_record(au) > 0);

    for (Denial& denial : event.denials) {
      denial.stamp = event.stamp;
      denial.node = event.node;
      enrich(denial, event, avc_path);
    }
    if (event.policy_load) ++stats.policy_loads;
    const bool hidden_failure = event.syscall && is_access_error(*event.syscall);
    if (event.denials.empty() && event.invalid_contexts.empty() && !event.policy_load &&
        !hidden_failure) {
      return;
    }
    sink.on_event(std::move(event));
  }

  static void callback(auparse_state_t*, auparse_cb_event_t type, void* self) {
    if (type != AUPARSE_CB_EVENT_READY) return;
    static_cast<Impl*>(self)->on_event();
  }
};

EventReader::EventReader(std::string input, EventSink& sink, Diagnostics& diagnostics,
                         ParseStats& stats)
    : impl_(std::make_unique<Impl>(std::move(input), sink, diagnostics, stats)) {
  impl_->au = auparse_init(AUSOURCE_FEED, nullptr);
  if (impl_->au == nullptr) throw std::bad_alloc();
  auparse_add_callback(impl_->au, &Impl::callback, impl_.get(), nullptr);
}

EventReader::~EventReader() {
  if (impl_ && impl_->au != nullptr) auparse_destroy(impl_->au);
}

void EventReader::feed(std::string_view records, std::size_t record_count, std::uint64_t line) {
  for (std::size_t i = 0; i < record_count; ++i) impl_->lines.add(line);
  impl_->stats.records += record_count;
  auparse_feed(impl_->au, records.data(), records.size());
}

void EventReader::finish() { auparse_flush_feed(impl_->au); }

}  // namespace avcsift::parse
