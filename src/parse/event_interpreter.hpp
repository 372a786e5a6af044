#pragma once
/// The second half of EventReader: reads the records of complete events
/// (AVC, USER_AVC, SELINUX_ERR, MAC_POLICY_LOAD and the SYSCALL, PATH, CWD,
/// PROCTITLE, SOCKADDR, AVC_PATH records around them) into AuditEvents and
/// hands those that matter to the sink. It runs on its own thread while the
/// first half groups the next records with libauparse.
#include <string>

#include "avcsift/model/diagnostics.hpp"
#include "avcsift/parse/avc_parser.hpp"
#include "avcsift/parse/context_validation.hpp"
#include "avcsift/parse/event_reader.hpp"
#include "event_batch.hpp"

namespace avcsift::parse {

/// Turns batches of grouped records into AuditEvents for a sink.
class EventInterpreter {
 public:
  /// `input` names the input in warnings; see EventReader for the rest.
  EventInterpreter(std::string input, EventSink& sink, Diagnostics& diagnostics, ParseStats& stats,
                   bool keep_record_text);

  /// Reads every event of `batch` into the sink and prints its warnings, in
  /// input order.
  void process(EventBatch& batch);

 private:
  /// One record of the event being read; views into the batch.
  struct RecordRef {
    int type;
    std::string_view header;  ///< `node=... type=... msg=audit(...):`
    std::string_view body;    ///< the rest.
    std::uint64_t line;
    std::string_view original;  ///< the input line when the record was rewritten, else empty.
  };

  void interpret(const EventBatch& batch, const EventBatch::Event& grouped);
  void bad_record(const RecordRef& record, const std::string& problem);
  void handle_avc(const RecordRef& record, AuditEvent& event);
  void handle_selinux_err(const RecordRef& record, AuditEvent& event);
  /// The record as read (for `why`), or empty when the sink does not keep it.
  [[nodiscard]] std::string record_text(const RecordRef& record) const;
  void read_selinux_records(AuditEvent& event);
  bool read_context_records(AuditEvent& event, bool relevant, std::string& avc_path);

  std::string input_;
  EventSink& sink_;
  Diagnostics& diagnostics_;
  ParseStats& stats_;
  bool keep_record_text_;
  ContextMemo contexts_;
  std::vector<RecordRef> records_;  // reused for every event
};

}  // namespace avcsift::parse
