// Session: one learner's console — the cluster, the commands, trace settings, and the record of
// what was typed (for lessons and transcripts).
import KubeSim
import Kubectl
import Workbook

public struct SessionOptions: Sendable {
  public var cluster: ClusterOptions
  /// `en` or `zh`: the language of lessons and of the console's own words where translated.
  public var language: String
  public var color: Bool
  public var workingDirectory: String
  /// Where lessons come from and where progress is kept; nil: the standard places
  /// (`LessonSettings.standard()`), resolved when the first lesson command runs.
  public var lessons: LessonSettings? = nil

  public init(
    cluster: ClusterOptions = ClusterOptions(), language: String = "en", color: Bool = false,
    workingDirectory: String = "."
  ) {
    self.cluster = cluster
    self.language = language
    self.color = color
    self.workingDirectory = workingDirectory
  }
}

/// What one command did: for lessons' checks and for transcripts.
public struct CommandRecord: Sendable {
  public var line: String
  public var input: String?
  public var output: String
  public var success: Bool
  /// Messages recorded while it ran (sequence numbers).
  public var messages: Range<Int>
  public var ticks: ClosedRange<Int>
  public var phaseBefore: Phase?
  public var phaseAfter: Phase?
}

public final class Session {
  public private(set) var cluster: Cluster
  public var options: SessionOptions
  public let registry: CommandRegistry
  /// Live tracing of messages while phases run.
  public var trace = TraceSettings()
  /// Everything typed so far, in order.
  public private(set) var history: [CommandRecord] = []
  /// Called after every command (lesson checks, transcript recording).
  public var afterCommand: [(CommandRecord, OutputSink) -> Void] = []
  /// The learner's kubectl (keeps its context namespace between commands).
  public var kubectlRunner: KubectlRunner {
    if let r = runner, r.cluster === cluster { return r }
    let r = makeKubectlRunner()
    runner = r
    return r
  }
  private var runner: KubectlRunner? = nil
  /// Set by `exit`/`quit`.
  public var wantsExit = false
  /// The workbook's lesson engine, created by the first lesson command (see `lessonEngine()`).
  public internal(set) var workbook: LessonEngine?
  /// Records the session's transcript (see `startRecording`); the lesson engine annotates through it.
  public internal(set) var recorder: TranscriptRecorder?
  /// Runs after every `afterCommand` hook, so the transcript holds what they printed too.
  var recordCommand: ((CommandRecord, OutputSink) -> Void)?

  public init(options: SessionOptions) {
    self.options = options
    self.cluster = Cluster(options: options.cluster)
    self.registry = CommandRegistry.standard()
  }

  /// Starts over on a fresh cluster built from `options` (lesson start and reset).
  public func rebuild(with clusterOptions: ClusterOptions) {
    options.cluster = clusterOptions
    cluster = Cluster(options: clusterOptions)
    history.removeAll()
  }

  /// Runs one command line. `input` is the body of a heredoc (`kubectl apply -f - <<EOF`).
  @discardableResult
  public func execute(_ line: String, input: String? = nil, out: OutputSink) -> Bool {
    let clusterBefore = cluster
    var startSeq = cluster.context.log.nextSeq
    var startTick = cluster.clock.tick
    let phaseBefore = cluster.clock.phase
    let success = dispatch(line, input: input, out: out)
    if cluster !== clusterBefore {
      // The command started over on a new cluster (`lesson start`): count from its beginning.
      startSeq = 1
      startTick = 0
    }
    let record = CommandRecord(
      line: line, input: input, output: out.text, success: success,
      messages: startSeq..<max(startSeq, cluster.context.log.nextSeq),
      ticks: startTick...max(startTick, cluster.clock.tick),
      phaseBefore: phaseBefore, phaseAfter: cluster.clock.phase)
    history.append(record)
    for hook in afterCommand { hook(record, out) }
    recordCommand?(record, out)
    return success
  }

  /// Runs a command for the workbook (lesson setup, checks, replay): not added to `history`, no
  /// `afterCommand` hooks. `muted` (for a check's reads, or a test looking at the cluster) also mutes
  /// the message log, so the command leaves no trace; lesson setup and replay run unmuted, since
  /// what they do is part of the learner's cluster.
  @discardableResult
  public func executeQuietly(_ line: String, input: String? = nil, muted: Bool = true, out: OutputSink) -> Bool {
    let log = cluster.context.log
    let wasMuted = log.muted
    log.muted = muted
    defer { log.muted = wasMuted }
    return dispatch(line, input: input, out: out)
  }

  private func dispatch(_ line: String, input: String?, out: OutputSink) -> Bool {
    let stages = ShellWords.pipeline(line)
    if stages.count > 1, !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("answer ") {
      return pipe(stages, input: input, out: out)
    }
    let words: [String]
    do {
      words = try ShellWords.split(line)
    } catch {
      // An answer is free text: `answer the client pod's IP` keeps its apostrophe.
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.hasPrefix("answer ") {
        let text = trimmed.dropFirst("answer ".count).trimmingCharacters(in: .whitespaces)
        return dispatch(["answer", text], input: input, out: out)
      }
      out.error("error: \(error)")
      return false
    }
    return dispatch(words, input: input, out: out)
  }

  /// `COMMAND | FILTER | …`: runs COMMAND, then each filter (`PipeFilter`) on its standard output;
  /// errors are shown as they come. Succeeds as a shell pipeline does: as its last stage.
  private func pipe(_ stages: [String], input: String?, out: OutputSink) -> Bool {
    var filters: [PipeFilter] = []
    for stage in stages.dropFirst() {
      do {
        filters.append(try PipeFilter.parse(try ShellWords.split(stage)))
      } catch {
        out.error("\(error)".hasPrefix("error: ") ? "\(error)" : "error: \(error)")
        return false
      }
    }
    var piped = ""
    let capture = OutputSink { text, isError in
      if !isError {
        piped += text
      } else if !text.hasPrefix("\r") {
        out.error(text)
      }
    }
    var ok = dispatch(stages[0], input: input, out: capture)
    for f in filters {
      let r = f.apply(piped)
      piped = r.output
      ok = r.ok
    }
    out.write(piped)
    return ok
  }

  /// Runs a split command line. `! COMMAND` runs COMMAND and succeeds exactly when it fails, as
  /// `!` does in a shell: scripts and lesson solutions use it for a command that must fail (a
  /// request the apiserver forbids, a lookup that finds nothing); its output is unchanged.
  private func dispatch(_ words: [String], input: String?, out: OutputSink) -> Bool {
    guard let name = words.first else { return true }
    if name == "!" {
      guard words.count > 1 else {
        out.error("error: `!` needs a command to run, as in `! kubectl get pods --as alice`")
        return false
      }
      return !dispatch(Array(words.dropFirst()), input: input, out: out)
    }
    guard let command = registry.command(named: name) else {
      var message = "error: unknown command \"\(name)\""
      if let near = registry.nearest(to: name) { message += "\n\nDid you mean this?\n\t\(near)" }
      message += "\nRun 'help' for the list of commands."
      out.error(message)
      return false
    }
    return command.run(Array(words.dropFirst()), input: input, session: self, out: out)
  }

  /// Completions for a partly typed line (the last word is the one being completed).
  public func complete(_ before: String) -> [String] {
    let words = (try? ShellWords.split(before + (before.hasSuffix(" ") ? "\u{0}" : ""))) ?? []
    var args = words.map { $0 == "\u{0}" ? "" : $0 }
    if before.hasSuffix(" ") && args.last != "" { args.append("") }
    if args.isEmpty { args = [""] }
    if args.count == 1 {
      return registry.names.filter { $0.hasPrefix(args[0]) }
    }
    guard let command = registry.command(named: args[0]) else { return [] }
    return command.complete(Array(args.dropFirst()), session: self)
  }

  /// The prompt: `kubelab [tick 3 · store]> `, coloured on a terminal.
  public var prompt: String {
    let clock = cluster.clock
    let where_ = clock.phase.map { "tick \(clock.tick) · \($0)" } ?? "tick \(clock.tick)"
    guard options.color else { return "kubelab [\(where_)]> " }
    let esc = "\u{1}"
    return
      "\(esc)\u{1B}[1;36m\(esc)kubelab\(esc)\u{1B}[0m\(esc) [\(esc)\u{1B}[33m\(esc)\(where_)\(esc)\u{1B}[0m\(esc)]> "
  }
}

/// What `trace on` shows as phases run.
public struct TraceSettings: Sendable {
  public var enabled = false
  public var filter = MessageFilter()
  public init() {}
}
