// LineEditor: the console's line editing on libedit — emacs keys, history kept across sessions,
// reverse search (Ctrl-R), tab completion, and Ctrl-C that cancels the line being typed.
import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public final class LineEditor {
  public enum ReadResult: Equatable {
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line.
    case endOfInput
  }

  private let el: OpaquePointer
  private let hist: OpaquePointer
  private var event = HistEvent()
  private let historyFile: String?
  /// The prompt shown before each line (may contain ANSI colour; see `promptEscape`).
  public var prompt: String = "kubelab> "
  /// Given the line up to the cursor, the completions of its last word (whole words).
  public var completer: ((String) -> [String])?
  private var promptBuffer: UnsafeMutablePointer<CChar>? = nil
  /// Set by the Ctrl-C binding while a line is being edited.
  private var cancelled = false
  /// libedit's marker around non-printing prompt characters (colour codes).
  static let promptEscape: CChar = 1

  /// - Parameters:
  ///   - historyFile: where history is loaded from and saved to after each line (nil: none).
  ///   - historySize: how many lines are kept.
  public init(program: String, historyFile: String?, historySize: Int = 1000) {
    // libedit decodes multibyte input (and the prompt's `·`) only under a UTF-8 locale.
    if setlocale(LC_CTYPE, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
      _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
    el = el_init(program, kl_stdin(), kl_stdout(), kl_stderr())
    hist = history_init()
    self.historyFile = historyFile
    _ = kl_history_setsize(hist, &event, Int32(historySize))
    _ = kl_history_setunique(hist, &event, 1)
    if let historyFile { _ = kl_history_load(hist, &event, historyFile) }
    _ = kl_el_set_hist(el, hist)
    _ = kl_el_set_editor(el, "emacs")
    _ = kl_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    _ = kl_el_set_prompt_esc(el, { el in LineEditor.instance(el)?.promptPointer() }, LineEditor.promptEscape)
    _ = kl_el_addfn(el, "kubelab-complete", "complete the word before the cursor") { el, _ in
      guard let el, let me = LineEditor.instance(el) else { return UInt8(CC_ERROR) }
      return me.complete()
    }
    _ = kl_el_bind(el, "^I", "kubelab-complete")
    // Ctrl-C abandons the line being typed, as in a shell. (libedit reads ^C as a key while it
    // edits, so it is bound here; a SIGINT outside line editing stops long runs instead.)
    _ = kl_el_addfn(el, "kubelab-cancel", "abandon the line") { el, _ in
      guard let el, let me = LineEditor.instance(el) else { return UInt8(CC_ERROR) }
      me.cancelled = true
      el_insertstr(el, "^C")
      return UInt8(CC_NEWLINE)
    }
    _ = kl_el_bind(el, "^C", "kubelab-cancel")
    _ = kl_el_bind(el, "^R", "em-inc-search-prev")
    // The user's ~/.editrc may rebind keys, as other libedit programs allow.
    _ = kl_el_source_default(el)
  }

  deinit {
    el_end(el)
    history_end(hist)
    free(promptBuffer)
  }

  private static func instance(_ el: OpaquePointer?) -> LineEditor? {
    guard let el, let raw = kl_el_get_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
  }

  private func promptPointer() -> UnsafeMutablePointer<CChar>? {
    free(promptBuffer)
    promptBuffer = strdup(prompt)
    return promptBuffer
  }

  /// Reads one line. Ctrl-C abandons the line (`.interrupted`); Ctrl-D on an empty line ends input.
  public func readLine() -> ReadResult {
    Interrupt.clear()
    cancelled = false
    var count: Int32 = 0
    let raw = el_gets(el, &count)
    if cancelled {
      cancelled = false
      return .interrupted
    }
    guard let raw else {
      if Interrupt.take() || errno == EINTR {
        el_reset(el)
        print("^C")
        return .interrupted
      }
      return .endOfInput
    }
    // A SIGINT that came while the terminal was still in cooked mode (keys typed before
    // libedit took the terminal) already discarded what was typed before it; what el_gets
    // returns was typed after it, so it stands.
    Interrupt.clear()
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds a line to the history and saves the history file (so a killed session keeps it).
  public func remember(_ line: String) {
    guard !line.trimmingCharacters(in: " \t").isEmpty else { return }
    _ = kl_history_enter(hist, &event, line)
    if let historyFile { _ = kl_history_save(hist, &event, historyFile) }
  }

  // MARK: - Completion

  private func complete() -> UInt8 {
    guard let completer, let info = el_line(el)?.pointee else { return UInt8(CC_ERROR) }
    let length = info.cursor - info.buffer
    let before = String(
      decoding: UnsafeBufferPointer(
        start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length),
      as: UTF8.self)
    let word = String(before.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
    let candidates = completer(before)
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let common = candidates.dropFirst().reduce(candidates[0]) { commonPrefix($0, $1) }
    if candidates.count == 1 {
      let rest = String(candidates[0].dropFirst(word.count))
      let suffix = candidates[0].hasSuffix("/") || candidates[0].hasSuffix("=") ? "" : " "
      el_insertstr(el, rest + suffix)
      return UInt8(CC_REFRESH)
    }
    if common.count > word.count {
      el_insertstr(el, String(common.dropFirst(word.count)))
      return UInt8(CC_REFRESH)
    }
    // Several candidates and nothing more to add: list them under the line.
    print("")
    print(Columns.layout(candidates.sorted(), width: Terminal.width))
    return UInt8(CC_REDISPLAY)
  }

  private func commonPrefix(_ a: String, _ b: String) -> String {
    String(zip(a, b).prefix { $0 == $1 }.map(\.0))
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
