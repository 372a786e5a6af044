#pragma once
/// Groups normalized audit records into events with libauparse and turns each
/// event into an AuditEvent.
///
/// Input is what input::LineNormalizer produces, one record per line:
///   node=web1 type=SYSCALL msg=audit(1764064800.100:500): arch=c000003e syscall=257 success=no exit=-13 ...
///   node=web1 type=AVC msg=audit(1764064800.100:500): avc:  denied  { read } for  pid=812 ...
/// Records are grouped into events by (node, time, serial) in a hash table
/// first (EventGrouper, src/parse), so that interleaved events cost linear
/// time, and each event is then handed whole to libauparse (AUSOURCE_FEED),
/// in the order libauparse alone would deliver them; events end where
/// ausearch and audispd end them, except that the 2 s age rule is per node
/// (see src/parse/event_grouper.hpp). An event whose records
/// are spread over more than 131,072 records (or 32 MiB) of the log is
/// delivered in parts, with a warning; none is dropped.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "avcsift/model/audit_event.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::parse {

/// Receives each complete event that matters for SELinux.
class EventSink {
 public:
  virtual ~EventSink() = default;
  /// Called once per event holding a denial, a SELINUX_ERR report, a policy
  /// load, or a syscall that failed with EACCES/EPERM.
  virtual void on_event(AuditEvent&& event) = 0;
  /// Forgets every event delivered so far: `--since-last-load` met a policy
  /// load, and only what came after it counts.
  virtual void restart() {}
};

/// Counters of one run, for report headers and tests.
struct ParseStats {
  std::uint64_t records = 0;            ///< records handed to libauparse.
  std::uint64_t events = 0;             ///< events libauparse delivered.
  std::uint64_t malformed_records = 0;  ///< records that could not be read.
  std::uint64_t denials = 0;            ///< AVC/USER_AVC `denied` records read.
  std::uint64_t granted = 0;            ///< `granted` records read.
  std::uint64_t policy_loads = 0;       ///< events marking a policy load.
};

/// Where EventReader reads the records of complete events.
enum class Concurrency {
  /// On a worker thread, while the caller's thread groups the next records
  /// with libauparse: the two halves cost about the same, so a run takes
  /// about half the time on two cores.
  WorkerThread,
  /// On the caller's thread (tests, fuzzers, debugging).
  SameThread,
};

/// What the records fed from one line cannot say in their normalized text.
struct LineFacts {
  bool serial_known = true;           ///< false: their serial was made up.
  StampTime time = StampTime::Exact;  ///< how far their time can be trusted.
  /// The input line, when the records' text is not the line's own (syslog,
  /// journald, dmesg, `ausearch -i`): what a denial shows as its record.
  /// Empty: the records are the line.
  std::string_view original;
};

/// One libauparse feed for one input. Not copyable; deliver records with
/// feed() and call finish() at the end of the input so the last event, even
/// one cut off mid-way, is delivered.
///
/// Events reach the sink in input order, but later than their records are
/// fed: in chunks, and with Concurrency::WorkerThread on another thread.
/// The sink must not be touched by the caller between the first feed() and
/// finish() (or drain()); `diagnostics` (thread-safe) only for what needs no
/// order with the events' warnings, such as the progress meter's line.
/// Per-line warnings of the caller's go through warn() so that they stay in
/// order with the events'.
class EventReader {
 public:
  /// `input` names the input in warnings; events go to `sink`. With
  /// `keep_record_text`, each Denial::record holds its record as read (for
  /// audit2why-style output); otherwise it stays empty, which saves a copy
  /// per denial.
  EventReader(std::string input, EventSink& sink, Diagnostics& diagnostics, ParseStats& stats,
              bool keep_record_text = true, Concurrency concurrency = Concurrency::WorkerThread);
  ~EventReader();
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  /// Feeds `record_count` newline-terminated records that came from input
  /// line `line`, with what `facts` says about them.
  void feed(std::string_view records, std::size_t record_count, std::uint64_t line,
            const LineFacts& facts = {});
  /// Queues a warning about the input, to be printed in order with the
  /// warnings about the records fed before it.
  void warn(SourceLocation where, std::string message);
  /// Delivers every event libauparse has completed so far and waits until
  /// the sink has them (events still open stay open); afterwards the caller
  /// may read the sink until the next feed(). Rethrows a failure of the sink.
  void drain();
  /// drain(), after also completing the open events that have their EOE
  /// record and those whose newest record is older than libauparse's
  /// end-of-event timeout (2 s) by the wall clock: in a live stream both
  /// would otherwise wait for the next record (libauparse checks events only
  /// when a line arrives). Call it only between events (when the input is
  /// idle): a recorded stream is all old, so any open event counts as complete.
  void age();
  /// Flushes libauparse: delivers whatever events are still open, and waits
  /// until the sink has them. Rethrows a failure of the sink.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace avcsift::parse
