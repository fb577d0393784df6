// OutputSink: where a command's output goes — straight to the terminal as it is produced (so long
// runs show progress), and into the session record at the same time.

public final class OutputSink {
  /// Everything written, stdout and stderr, in the order it was written.
  public private(set) var text = ""
  public private(set) var stderr = ""
  /// Called with each chunk as it is written (the console prints it at once).
  let live: ((String, Bool) -> Void)?

  public init(live: ((_ text: String, _ isError: Bool) -> Void)? = nil) { self.live = live }

  /// Writes a line (a newline is added).
  public func line(_ s: String = "") { write(s + "\n") }

  public func write(_ s: String) {
    guard !s.isEmpty else { return }
    text += s
    live?(s, false)
  }

  /// Writes to standard error (a newline is added when missing).
  public func error(_ s: String) {
    guard !s.isEmpty else { return }
    let t = s.hasSuffix("\n") ? s : s + "\n"
    text += t
    stderr += t
    live?(t, true)
  }

  /// Progress for a person watching a terminal: not recorded, not shown in scripts.
  public func progress(_ s: String) {
    live?("\r\u{1B}[K" + s, true)
  }

  public func endProgress() { live?("\r\u{1B}[K", true) }
}
