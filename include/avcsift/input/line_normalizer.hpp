#pragma once
/// Turns one input line of any supported log format into raw audit records.
///
/// Formats, detected per line and freely mixed in one input:
///  - raw audit.log, optionally with `node=` (or the older `host=`):
///      node=web1 type=AVC msg=audit(1764064800.100:500): avc:  denied  { read } for  pid=812 comm="httpd" ...
///  - several records on one line, as older logs and pastes have them:
///      node=a type=PATH msg=audit(1166111074.191:74): item=0 name="/etc/auto.net" ... type=CWD msg=audit(1166111074.191:74):  cwd="/"
///  - `ausearch` output, whose separators are skipped:
///      ----
///      time->Wed Nov 25 10:00:00 2026
///  - `ausearch -i` (interpreted) output, whose local-time stamp is converted back
///    (its date in the form of the locale's `%x`, see interpreted_date.hpp):
///      type=AVC msg=audit(11/25/2026 10:00:00.123:456) : avc:  denied  { read } for  pid=1234 comm=httpd ...
///      type=AVC msg=audit(25.11.2026 10:00:00.123:456) : avc:  denied  { read } for  pid=1234 comm=httpd ...
///  - syslog / journald lines; the kernel form keeps its stamp:
///      Nov 25 10:00:01 web1 kernel: audit: type=1400 audit(1764064801.123:457): avc:  denied  { write } ...
///      Nov 25 10:00:00 web1 audisp-syslog[812]: node=web1 type=AVC msg=audit(1764064800.100:500): avc: ...
///    while journald's own form has none, so one is made from the syslog time
///    (its serial marked as made up, its year as guessed):
///      Nov 25 10:00:00 web1 audit[1234]: AVC avc:  denied  { name_connect } for  pid=1234 comm="httpd" ...
///      2026-11-25T10:00:02+0000 web1 audit[1234]: AVC avc:  denied  { read } for ...
///  - dmesg:
///      [   12.345678] audit: type=1400 audit(1764064800.100:600): avc:  denied  { read } for ...
///  - bare denials (pastes, Android logcat), also given a made-up stamp
///    (of unknown time when the line has no syslog time):
///      avc:  denied  { read } for  pid=4242 comm="cat" name="x" scontext=... tcontext=... tclass=file
///      11-25 10:00:00.123  1234  1234 W Binder:123_2: type=1400 audit(0.0:1234): avc: denied { read } ...
/// Blank lines and lines starting with `#` are skipped; other lines with no
/// audit record in them (daemon messages in a syslog) are counted as unrelated.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "avcsift/input/interpreted_date.hpp"
#include "avcsift/model/audit_stamp.hpp"

namespace avcsift::input {

/// What one input line turned out to be.
enum class LineKind {
  Records,    ///< one or more audit records, in NormalizedLine::records.
  Skipped,    ///< blank, comment or ausearch separator: nothing to say.
  Unrelated,  ///< not an audit record (other syslog traffic).
  Malformed,  ///< looked like an audit record but could not be read.
};

/// The result of normalizing one line.
struct NormalizedLine {
  LineKind kind = LineKind::Skipped;
  /// `[node=N ]type=NAME msg=audit(SECONDS.MMM:SERIAL): BODY\n`, one per
  /// record; the form libauparse's feed interface reads.
  std::string records;
  std::size_t record_count = 0;
  /// Records left out because avcsift does not read their type (LOGIN,
  /// USER_START, CRED_ACQ, ...): libauparse need not parse them, and events
  /// made only of them say nothing about SELinux.
  std::size_t ignored_records = 0;
  std::string problem;  ///< for Malformed: what was wrong, for a warning.
  /// For Records: a warning about the line's date, at most one of each kind
  /// per input (an order assumed, a date that cannot be read); empty mostly.
  std::string note;
  /// For Records: the records' text is not the line's (a prefix dropped, a
  /// stamp made up or converted), so the line itself is what to show a user.
  bool rewritten = false;
  /// For Records: false when the serial of the line's records was made up.
  bool serial_known = true;
  /// For Records: how far the time of the line's records can be trusted.
  StampTime time = StampTime::Exact;
};

/// Stateful because made-up stamps must be unique within a run, and one
/// date order holds for an input's `ausearch -i` dates.
class LineNormalizer {
 public:
  /// `current_year` dates syslog lines, which carry no year, until
  /// begin_input() says otherwise; `date_order` is `--date-order`.
  explicit LineNormalizer(int current_year, std::optional<DateOrder> date_order = std::nullopt);
  /// A new input starts whose lines were all written by `latest` (a file's
  /// modification time; now for standard input): its syslog lines are dated
  /// in that year, or the year before when that would put them after it.
  /// The date order and the once-per-input warnings start over.
  void begin_input(std::int64_t latest);
  /// Normalizes `line` into `out` (reused between calls to avoid allocation).
  void normalize(std::string_view line, NormalizedLine& out);

 private:
  /// Gives a stamp whose date could not be read (`inside` its audit(...))
  /// seconds that keep time moving, and notes the first of an input.
  void place_unknown_time(AuditStamp& stamp, std::string_view inside, NormalizedLine& out);
  /// The stamp of a line that has none (journald, bare `avc:`): the syslog
  /// time if any, and a made-up serial.
  AuditStamp made_up_stamp(std::string_view line, NormalizedLine& out);

  std::uint64_t next_synthetic_serial_ = 1;
  int current_year_;
  std::optional<std::int64_t> latest_;  // of the current input, when known
  InterpretedDateReader dates_;
  bool unreadable_date_noted_ = false;   // for the current input
  // Stands in for the seconds of a stamp whose date is unreadable: its time
  // of day, days counted on when it goes back, so that libauparse still sees
  // time pass and completes the events.
  std::int64_t unknown_day_ = 0;
  std::int64_t last_unknown_time_ = 0;
};

/// True for the record types avcsift reads: AVC, USER_AVC, SELINUX_ERR,
/// MAC_POLICY_LOAD, DAEMON_START (an old auditd's start marks a reboot), the
/// records that give a denial context (SYSCALL, PATH, CWD, PROCTITLE,
/// SOCKADDR, AVC_PATH) or end an event (EOE).
[[nodiscard]] bool is_selinux_relevant(std::string_view type_name);

/// The audit record type name for a numeric type as kernel and dmesg lines
/// print it (1400 -> AVC); `UNKNOWN[n]` for numbers avcsift does not use.
[[nodiscard]] std::string record_type_name(unsigned number);

}  // namespace avcsift::input
