#pragma once
/// Writes a result file all at once or not at all.
#include <fstream>
#include <string>

namespace avcsift::cli {

/// What a SIGINT, SIGTERM or SIGHUP does while the temporary exists.
enum class OnSignal {
  RemoveAndDie,  ///< remove the temporary, then die of the signal (one-shot commands).
  CallerHandles  ///< leave the handlers alone: the caller catches the signals (watch).
};

/// A file written through a temporary in the same directory and renamed over
/// the target by commit(), so an error or interruption never leaves a half
/// written file. Without `overwrite`, an existing target is an error.
class OutputFile {
 public:
  /// Creates the temporary; throws avcsift::Error naming `path` when the
  /// target exists (and `overwrite` is false) or cannot be created.
  OutputFile(std::string path, bool overwrite, OnSignal on_signal = OnSignal::RemoveAndDie);
  /// Removes the temporary if commit() was not reached.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// The stream to write to.
  [[nodiscard]] std::ostream& stream() { return stream_; }
  /// Flushes, checks for write errors and renames into place; throws Error.
  void commit();
  /// As commit(), keeping the file it replaces (if any) until this
  /// OutputFile is gone, so that revert() can bring it back: for files that
  /// go into place together (-M's NAME.te and NAME.pp).
  void commit_keeping_previous();
  /// Undoes commit_keeping_previous(): the target holds what it held before,
  /// or is removed when there was none. Does nothing after commit().
  void revert();

 private:
  void put_in_place(bool keep_previous);

  std::string path_;
  std::string temp_path_;
  bool overwrite_;
  bool committed_ = false;
  bool revertible_ = false;
  int guard_ = -1;          // slot of the signal guard; -1: none
  std::string previous_;    // second name of the replaced file (commit_keeping_previous)
  std::ofstream stream_;
};

}  // namespace avcsift::cli
