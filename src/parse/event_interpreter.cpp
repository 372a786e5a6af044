#include "event_interpreter.hpp"

#include <utility>

#include "avcsift/parse/context_records.hpp"
#include "avcsift/parse/selinux_err_parser.hpp"
#include "record_types.hpp"

namespace avcsift::parse {
namespace {

/// `auditd start, ver=2.8.5 format=raw ...`: auditd of audit 2.x and older
/// started, most likely at boot, where init loaded the policy before auditd
/// could log it (newer kernels hold the boot-time MAC_POLICY_LOAD record for
/// auditd, and audit 3's `op=start ver=3.0.9 ...` lacks the word). This is
/// audit2allow -l's test too: the word `auditd` on its own in the record.
bool is_old_auditd_start(std::string_view body) {
  std::size_t at = 0;
  while ((at = body.find("auditd", at)) != std::string_view::npos) {
    const bool starts = at == 0 || body[at - 1] == ' ';
    const std::size_t end = at + 6;
    const bool ends = end == body.size() || body[end] == ' ';
    if (starts && ends) return true;
    at = end;
  }
  return false;
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

EventInterpreter::EventInterpreter(std::string input, EventSink& sink, Diagnostics& diagnostics,
                                   ParseStats& stats, bool keep_record_text)
    : input_(std::move(input)),
      sink_(sink),
      diagnostics_(diagnostics),
      stats_(stats),
      keep_record_text_(keep_record_text) {}

void EventInterpreter::process(EventBatch& batch) {
  for (const EventBatch::Item& item : batch.items()) {
    if (item.is_event) {
      interpret(batch, batch.events()[item.index]);
    } else {
      EventBatch::Warning& warning = batch.warnings()[item.index];
      diagnostics_.warn(warning.where, warning.message);
    }
  }
}

std::string EventInterpreter::record_text(const RecordRef& record) const {
  if (!keep_record_text_) return {};
  // auditd's log_format=ENRICHED appends the names it resolved after a 0x1D
  // byte (AUDIT_INTERP_SEPARATOR): that is auditd's reading, not the
  // kernel's record, and a control byte on a terminal. The text ends there.
  const auto raw_part = [](std::string_view text) { return text.substr(0, text.find('\x1d')); };
  // The user's own line, not the record avcsift made of it.
  if (!record.original.empty()) return std::string(raw_part(record.original));
  std::string text(record.header);
  text += raw_part(record.body);
  return text;
}

void EventInterpreter::bad_record(const RecordRef& record, const std::string& problem) {
  ++stats_.malformed_records;
  diagnostics_.warn({input_, record.line}, problem);
}

void EventInterpreter::handle_avc(const RecordRef& record, AuditEvent& event) {
  const auto origin = record.type == kAvc ? DecisionOrigin::Kernel : DecisionOrigin::Userspace;
  AvcParse parsed = parse_avc(record.body, origin, &contexts_);
  switch (parsed.kind) {
    case AvcKind::Decision:
      parsed.denial.record = record_text(record);
      parsed.denial.where = {input_, record.line};
      (parsed.denial.granted ? stats_.granted : stats_.denials) += 1;
      event.denials.push_back(std::move(parsed.denial));
      return;
    case AvcKind::PolicyLoad:
      // An object manager heard of a load whose own MAC_POLICY_LOAD record
      // marks it; audit2allow -l does not start over here either.
      return;
    case AvcKind::OtherNotice:
      return;
    case AvcKind::Malformed:
      bad_record(record, parsed.problem);
      return;
  }
}

void EventInterpreter::handle_selinux_err(const RecordRef& record, AuditEvent& event) {
  SelinuxErrParse parsed = parse_selinux_err(record.body);
  switch (parsed.kind) {
    case SelinuxErrKind::InvalidContext:
      parsed.report.record = record_text(record);
      parsed.report.where = {input_, record.line};
      event.invalid_contexts.push_back(std::move(parsed.report));
      return;
    case SelinuxErrKind::Error:
      parsed.error.record = record_text(record);
      parsed.error.where = {input_, record.line};
      event.selinux_errors.push_back(std::move(parsed.error));
      return;
    case SelinuxErrKind::Other:
      return;
    case SelinuxErrKind::Malformed:
      bad_record(record, parsed.problem);
      return;
  }
}

/// Reads the SELinux records of the event: denials, reports, policy loads.
void EventInterpreter::read_selinux_records(AuditEvent& event) {
  for (const RecordRef& record : records_) {
    switch (record.type) {
      case kAvc:
      case kUserAvc: handle_avc(record, event); break;
      case kSelinuxErr: handle_selinux_err(record, event); break;
      case kMacPolicyLoad: event.policy_load = true; break;
      case kDaemonStart:
        if (is_old_auditd_start(record.body)) event.policy_load = true;
        break;
      default: break;
    }
  }
}

/// Reads the records that say who did what where. Most events of a log
/// are not about SELinux, so this runs only for those that are, and for
/// syscalls that failed with EACCES/EPERM (all a dontaudit-hidden denial
/// leaves behind). Returns whether the event is such a failure.
bool EventInterpreter::read_context_records(AuditEvent& event, bool relevant, std::string& avc_path) {
  for (const RecordRef& record : records_) {
    if (record.type == kSyscall && (relevant || record.body.find(" success=no ") != std::string_view::npos)) {
      read_syscall(record.body, event);
    }
  }
  const bool hidden_failure = event.syscall && is_access_error(*event.syscall);
  if (!relevant && !hidden_failure) return false;
  for (const RecordRef& record : records_) {
    switch (record.type) {
      case kPath: read_path(record.body, event); break;
      case kCwd: read_cwd(record.body, event); break;
      case kProctitle: read_proctitle(record.body, event); break;
      case kSockaddr: read_sockaddr(record.body, event); break;
      case kAvcPath: avc_path = read_avc_path(record.body); break;
      default: break;
    }
  }
  return hidden_failure;
}

void EventInterpreter::interpret(const EventBatch& batch, const EventBatch::Event& grouped) {
  records_.clear();
  for (std::size_t i = 0; i < grouped.record_count; ++i) {
    const EventBatch::Record& record = batch.records()[grouped.first_record + i];
    records_.push_back(
        {record.type, batch.header(record), batch.body(record), record.line, batch.original(record)});
  }
  AuditEvent event;
  event.stamp = grouped.stamp;
  event.node = batch.node(grouped);
  event.where = {input_, records_.front().line};
  read_selinux_records(event);
  const bool relevant = !event.denials.empty() || !event.invalid_contexts.empty() ||
                        !event.selinux_errors.empty() || event.policy_load;
  std::string avc_path;
  const bool hidden_failure = read_context_records(event, relevant, avc_path);

  for (Denial& denial : event.denials) {
    denial.stamp = event.stamp;
    denial.node = event.node;
    enrich(denial, event, avc_path);
  }
  if (event.policy_load) ++stats_.policy_loads;
  if (!relevant && !hidden_failure) return;
  sink_.on_event(std::move(event));
}

}  // namespace avcsift::parse
