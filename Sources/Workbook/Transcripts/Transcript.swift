// Transcript: the record of one console session — a header (versions, seed, cluster) and, for every
// command, what was typed, what it printed and every message it caused. See transcripts/README.md.
import KubeSim

/// A whole recorded session, in order. The JSON form is documented in transcripts/README.md.
public struct Transcript: Sendable, Equatable {
  public var header: TranscriptHeader
  public var commands: [TranscriptCommand]

  public init(header: TranscriptHeader, commands: [TranscriptCommand] = []) {
    self.header = header
    self.commands = commands
  }

  /// The title handouts use.
  public var title: String { header.title ?? "KubeLab session \(header.id)" }
}

/// Who recorded a transcript, from what, on which cluster.
public struct TranscriptHeader: Sendable, Equatable {
  /// `2026-01-01T12-00-00-seed1-3fa2` for recorded sessions; a golden transcript's name.
  public var id: String
  /// Wall-clock time the recording began (RFC 3339, UTC). Metadata only: replay never compares it.
  public var recordedAt: String?
  /// `KubeLabVersion.string` of the recording kubelab.
  public var kubelab: String
  /// The Kubernetes release the simulation followed.
  public var kubernetes: String
  /// The cluster the session started on (its seed is `cluster.seed`).
  public var cluster: ClusterOptions
  /// Language of lessons and console words: `en` or `zh`.
  public var language: String
  /// `console`, `script`, `lesson` (`kubelab lesson ID`) or `golden`.
  public var source: String
  /// The script's file name when `source` is `script`.
  public var script: String?
  public var title: String?

  public init(
    id: String, recordedAt: String? = nil, kubelab: String = KubeLabVersion.string,
    kubernetes: String = KubeLabVersion.kubernetes, cluster: ClusterOptions, language: String = "en",
    source: String = "console", script: String? = nil, title: String? = nil
  ) {
    self.id = id
    self.recordedAt = recordedAt
    self.kubelab = kubelab
    self.kubernetes = kubernetes
    self.cluster = cluster
    self.language = language
    self.source = source
    self.script = script
    self.title = title
  }

  public var seed: UInt64 { cluster.seed }

  public static func == (a: TranscriptHeader, b: TranscriptHeader) -> Bool {
    a.id == b.id && a.recordedAt == b.recordedAt && a.kubelab == b.kubelab && a.kubernetes == b.kubernetes
      && TranscriptCluster.json(a.cluster) == TranscriptCluster.json(b.cluster) && a.language == b.language
      && a.source == b.source && a.script == b.script && a.title == b.title
  }
}

/// One console input: a command line and, for `cmd <<EOF`, the heredoc body.
public struct TranscriptInput: Sendable, Equatable {
  public var line: String
  public var input: String?
  public init(_ line: String, input: String? = nil) {
    self.line = line
    self.input = input
  }
}

/// One command: what was typed, what it printed, what it caused.
public struct TranscriptCommand: Sendable, Equatable {
  /// 1, 2, 3 … in the order typed.
  public var number: Int
  /// The prompt shown before it (`kubelab [tick 3 · store]> `), without colour.
  public var prompt: String
  /// The command line without its heredoc marker (`kubectl apply -f -`).
  public var line: String
  /// The heredoc body, ending with a newline, or nil.
  public var input: String?
  /// Standard output and standard error as printed, interleaved in order, without colour codes.
  public var output: String
  /// The standard-error part of `output` alone.
  public var stderr: String
  public var success: Bool
  public var tickBefore: Int
  public var tickAfter: Int
  /// The last phase run before and after the command (nil: the tick had not started).
  public var phaseBefore: Phase?
  public var phaseAfter: Phase?
  /// How many messages it caused; `messages` may hold fewer when the recorder's limit was reached.
  public var messageCount: Int
  public var messages: [TranscriptMessage]
  /// Set when the command started over on a fresh cluster (a lesson starting): its options.
  public var rebuilt: ClusterOptions?
  /// Filled by the lesson engine through `TranscriptRecorder.annotate`.
  public var lesson: LessonAnnotation?
  /// The workbook's saved progress (the progress file's content) as the session found it when this
  /// command first used the lessons: `replay --verify` starts from it, so a lesson resumes as it did.
  public var progress: JSON?

  public init(
    number: Int = 0, prompt: String, line: String, input: String? = nil, output: String, stderr: String = "",
    success: Bool, tickBefore: Int, tickAfter: Int, phaseBefore: Phase?, phaseAfter: Phase?,
    messageCount: Int? = nil, messages: [TranscriptMessage] = [], rebuilt: ClusterOptions? = nil,
    lesson: LessonAnnotation? = nil, progress: JSON? = nil
  ) {
    self.number = number
    self.prompt = prompt
    self.line = line
    self.input = input
    self.output = output
    self.stderr = stderr
    self.success = success
    self.tickBefore = tickBefore
    self.tickAfter = tickAfter
    self.phaseBefore = phaseBefore
    self.phaseAfter = phaseAfter
    self.messageCount = messageCount ?? messages.count
    self.messages = messages
    self.rebuilt = rebuilt
    self.lesson = lesson
    self.progress = progress
  }

  /// The prompt `kubelab` shows at `tick` after `phase` (Session.prompt without colour).
  public static func prompt(tick: Int, phase: Phase?) -> String {
    "kubelab [" + (phase.map { "tick \(tick) · \($0)" } ?? "tick \(tick)") + "]> "
  }

  /// The line as typed: `kubectl apply -f - <<EOF` when there was a heredoc.
  public var typedLine: String { input == nil ? line : "\(line) <<\(heredocDelimiter)" }

  /// `EOF`, or `EOF1`, `EOF2` … when the body itself holds a line `EOF`.
  public var heredocDelimiter: String {
    let lines = Set((input ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    var d = "EOF"
    var n = 1
    while lines.contains(d) {
      d = "EOF\(n)"
      n += 1
    }
    return d
  }

  /// The heredoc as typed after the line: body lines, then the delimiter. Empty without heredoc.
  public var heredocLines: [String] {
    guard let input else { return [] }
    var body = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if body.last == "" { body.removeLast() }
    return body + [heredocDelimiter]
  }

  public static func == (a: TranscriptCommand, b: TranscriptCommand) -> Bool {
    a.number == b.number && a.prompt == b.prompt && a.line == b.line && a.input == b.input && a.output == b.output
      && a.stderr == b.stderr && a.success == b.success && a.tickBefore == b.tickBefore && a.tickAfter == b.tickAfter
      && a.phaseBefore == b.phaseBefore && a.phaseAfter == b.phaseAfter && a.messageCount == b.messageCount
      && a.messages == b.messages && a.rebuilt.map(TranscriptCluster.json) == b.rebuilt.map(TranscriptCluster.json)
      && a.lesson == b.lesson && a.progress == b.progress
  }
}

/// One message as recorded: every field of `Message`, the body as JSON.
public struct TranscriptMessage: Sendable, Equatable {
  public var seq: Int
  public var tick: Int
  /// nil for what the learner's own commands caused between phases.
  public var phase: Phase?
  /// Component names as printed: `kubelet@node-1`, `controller-manager` …
  public var from: String
  public var to: String
  /// `request`, `response`, `watch` or `cri`.
  public var kind: String
  public var verb: String
  public var object: String
  public var namespace: String
  public var detail: String
  public var body: JSON?

  public init(
    seq: Int, tick: Int, phase: Phase?, from: String, to: String, kind: String, verb: String, object: String,
    namespace: String = "", detail: String = "", body: JSON? = nil
  ) {
    self.seq = seq
    self.tick = tick
    self.phase = phase
    self.from = from
    self.to = to
    self.kind = kind
    self.verb = verb
    self.object = object
    self.namespace = namespace
    self.detail = detail
    self.body = body
  }

  /// Records a cluster message (its body rendered as JSON, through `bodies` when given).
  public init(_ m: Message, bodies: TranscriptBodyCache? = nil) {
    let body = m.body.map { b in bodies.map { $0.json(b, kind: m.kind) } ?? b.json }
    self.init(
      seq: m.seq, tick: m.tick, phase: m.phase, from: m.from.description, to: m.to.description,
      kind: m.kind.rawValue, verb: m.verb, object: m.object, namespace: m.namespace, detail: m.detail,
      body: body)
  }

  /// `tick 3 · schedule`, or `tick 3 · kubectl` for what the learner's commands caused.
  public var when: String { "tick \(tick) · \(phase?.description ?? "kubectl")" }

  /// The object with its namespace unless it is `default` (as `Message.objectText`).
  public var objectText: String {
    namespace.isEmpty || namespace == "default" ? object : "\(object) (\(namespace))"
  }

  /// The console's one-line rendering (as `Message.line`).
  public var line: String {
    var s = "[\(when)] \(from) → \(to)  \(verb) \(objectText)"
    if !detail.isEmpty { s += "  \(detail)" }
    return s
  }
}

/// Where a lesson stood after a command, and how its checks came out.
public struct LessonAnnotation: Sendable, Equatable {
  /// The lesson's id (`pods-and-deployments`).
  public var lesson: String
  /// The step the learner is on after the command, from 1.
  public var step: Int
  public var stepTitle: String
  public var checks: [TranscriptCheck]
  /// True once the lesson's last step passed.
  public var completed: Bool

  public init(
    lesson: String, step: Int, stepTitle: String = "", checks: [TranscriptCheck] = [], completed: Bool = false
  ) {
    self.lesson = lesson
    self.step = step
    self.stepTitle = stepTitle
    self.checks = checks
    self.completed = completed
  }

  /// `first-tick step 2: ✓ Which phase…, ✗ You ran step — not yet` (and `, completed`): one line.
  public var summary: String {
    var s = "\(lesson) step \(step)"
    if !checks.isEmpty {
      s +=
        ": "
        + checks.map { ($0.passed ? "✓ " : "✗ ") + $0.name + ($0.message.isEmpty ? "" : " — " + $0.message) }
        .joined(separator: ", ")
    }
    return completed ? s + ", completed" : s
  }

  /// `Step 2: Scale the deployment` (asciicast markers, handout headings).
  public var stepLabel: String { stepLabel(zh: false) }

  /// `Step 2: Title`, or `第 2 步：标题`.
  public func stepLabel(zh: Bool) -> String {
    if zh { return stepTitle.isEmpty ? "第 \(step) 步" : "第 \(step) 步：\(stepTitle)" }
    return stepTitle.isEmpty ? "Step \(step)" : "Step \(step): \(stepTitle)"
  }
}

/// One lesson check's result.
public struct TranscriptCheck: Sendable, Equatable {
  public var name: String
  public var passed: Bool
  /// Why it failed (or a note); may be empty.
  public var message: String

  public init(name: String, passed: Bool, message: String = "") {
    self.name = name
    self.passed = passed
    self.message = message
  }
}

extension String {
  /// The text without ANSI escape sequences (CSI `ESC [ … letter`, OSC `ESC ] … BEL`) and
  /// libedit's `\u{1}` prompt markers: what a transcript keeps of coloured output.
  public var withoutANSI: String {
    guard contains("\u{1B}") || contains("\u{1}") else { return self }
    var out = String.UnicodeScalarView()
    var it = unicodeScalars.makeIterator()
    while let c = it.next() {
      if c == "\u{1}" { continue }
      guard c == "\u{1B}" else {
        out.append(c)
        continue
      }
      guard let n = it.next() else { break }
      if n == "[" {
        while let k = it.next(), !(0x40...0x7E).contains(k.value) {}
      } else if n == "]" {
        while let k = it.next(), k != "\u{7}" {
          if k == "\u{1B}" {
            _ = it.next()
            break
          }
        }
      }
    }
    return String(out)
  }
}
