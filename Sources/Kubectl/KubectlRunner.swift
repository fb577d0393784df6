// KubectlRunner: the learner's kubectl — one command line in, kubectl's stdout, stderr and exit
// code out, talking to the simulated cluster through the admin's synchronous APIClient.
import KubeSim

/// What one kubectl invocation printed and how it exited.
public struct CommandResult: Sendable, Equatable, CustomStringConvertible {
  /// A run of output on one stream.
  public struct Chunk: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(text: String, isError: Bool) {
      self.text = text
      self.isError = isError
    }
  }

  public var stdout: String
  public var stderr: String
  public var exitCode: Int32
  /// stdout and stderr in the order kubectl wrote them: a warning taken from the response headers
  /// comes before the result it goes with.
  public var chunks: [Chunk]

  public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0, chunks: [Chunk]? = nil) {
    self.stdout = stdout
    self.stderr = stderr
    self.exitCode = exitCode
    self.chunks =
      chunks ?? [Chunk(text: stdout, isError: false), Chunk(text: stderr, isError: true)].filter { !$0.text.isEmpty }
  }

  /// stdout then stderr.
  public var description: String { stdout + stderr }
}

/// Resource usage a kubelet reports in its `/stats/summary` (what `kubectl top` shows).
public struct UsageSummary: Sendable, Equatable {
  public struct ContainerUsage: Sendable, Equatable {
    public var name: String
    public var milliCPU: Int64
    public var memoryBytes: Int64
    public init(name: String, milliCPU: Int64, memoryBytes: Int64) {
      self.name = name
      self.milliCPU = milliCPU
      self.memoryBytes = memoryBytes
    }
  }
  public struct PodUsage: Sendable, Equatable {
    public var namespace: String
    public var name: String
    public var containers: [ContainerUsage]
    public init(namespace: String, name: String, containers: [ContainerUsage]) {
      self.namespace = namespace
      self.name = name
      self.containers = containers
    }
  }
  public var nodeName: String
  public var nodeMilliCPU: Int64
  public var nodeMemoryBytes: Int64
  public var pods: [PodUsage]
  public init(nodeName: String, nodeMilliCPU: Int64, nodeMemoryBytes: Int64, pods: [PodUsage]) {
    self.nodeName = nodeName
    self.nodeMilliCPU = nodeMilliCPU
    self.nodeMemoryBytes = nodeMemoryBytes
    self.pods = pods
  }
}

/// Runs kubectl command lines against a simulated cluster.
public final class KubectlRunner {
  public let cluster: Cluster
  /// The namespace of the current kubeconfig context (`kubectl config set-context --current --namespace=…`).
  public var contextNamespace = "default"
  /// Resolves `-f https://…` to the manifest's text (nil: not available offline). The REPL can map
  /// `https://k8s.io/examples/…` to the bundled examples.
  public var fetchURL: ((String) -> String?)? = nil
  /// Reads a local file (`-f`); the default reads the real file system.
  public var readFile: (String) -> String? = LocalFiles.read
  /// Lists a directory (`-f DIR`): entries with whether each is a directory.
  public var listDirectory: (String) -> [(name: String, isDirectory: Bool)]? = LocalFiles.list
  /// The kubelet's `/stats/summary` of a node, which `kubectl top` reads (through metrics-server
  /// upstream). Nil until the kubelet provides it; `top` then says that metrics are unavailable.
  public var usageSummary: ((String) -> UsageSummary?)? = nil

  public init(cluster: Cluster) {
    self.cluster = cluster
  }

  /// Runs one kubectl command line; `args` may start with `kubectl` itself.
  public func run(_ args: [String], stdin: String? = nil, workingDirectory: String = ".") -> CommandResult {
    var args = args
    if args.first == "kubectl" { args.removeFirst() }
    let inv = Invocation(runner: self, stdin: stdin, workingDirectory: workingDirectory)
    let code = inv.execute(args)
    return CommandResult(stdout: inv.out, stderr: inv.err, exitCode: code, chunks: inv.chunks)
  }

  /// Splits a command line as a POSIX shell would (quotes, backslashes), then runs it.
  public func run(line: String, stdin: String? = nil, workingDirectory: String = ".") -> CommandResult {
    run(ShellWords.split(line), stdin: stdin, workingDirectory: workingDirectory)
  }

  /// The API connection for `--as` (nil: the admin's).
  func client(as user: String?, groups: [String]) -> APIClient {
    guard let user, !user.isEmpty else { return cluster.kubectl }
    return cluster.kubectl(as: UserInfo.impersonating(user, groups: groups))
  }
}

/// Splits a command line into words the way a POSIX shell does (no expansion).
public enum ShellWords {
  public static func split(_ line: String) -> [String] {
    var words: [String] = []
    var cur = ""
    var inWord = false
    var quote: Character? = nil
    var it = Array(line)
    var i = 0
    while i < it.count {
      let ch = it[i]
      if let q = quote {
        if ch == q {
          quote = nil
        } else if ch == "\\" && q == "\"" && i + 1 < it.count && "\"\\$`".contains(it[i + 1]) {
          cur.append(it[i + 1])
          i += 1
        } else {
          cur.append(ch)
        }
      } else if ch == "'" || ch == "\"" {
        quote = ch
        inWord = true
      } else if ch == "\\" && i + 1 < it.count {
        cur.append(it[i + 1])
        inWord = true
        i += 1
      } else if ch == " " || ch == "\t" || ch == "\n" {
        if inWord {
          words.append(cur)
          cur = ""
          inWord = false
        }
      } else {
        cur.append(ch)
        inWord = true
      }
      i += 1
    }
    if inWord { words.append(cur) }
    it.removeAll()
    return words
  }
}
