// BusyBoxWget: busybox 1.36's `wget` in a container — its options, its messages on stderr
// (`Connecting to web (10.96.0.20:80)`, the progress bar), its errors, through the cluster network.

enum BusyBoxWget {
  struct Options {
    var quiet = false
    var spider = false
    var output: String? = nil
    var prefix: String? = nil
    var userAgent = "Wget"
    var headers: [String: String] = [:]
    var urls: [String] = []
  }

  static let usage =
    "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n"

  /// getopt32 with busybox's option string `cqSO:o:P:Y:U:T:t:` and its long options.
  static func parse(_ args: [String]) -> Result<Options, UsageError> {
    var o = Options()
    var rest = args[...]
    func value(_ name: String) -> Result<String, UsageError> {
      guard let v = rest.popFirst() else {
        return .failure(UsageError("wget: option requires an argument -- '\(name)'\n" + usage))
      }
      return .success(v)
    }
    while let a = rest.popFirst() {
      if a == "--" {
        o.urls += rest
        break
      }
      if a.hasPrefix("--") {
        let (name, inline) = splitLong(a)
        let takesValue = [
          "output-document", "directory-prefix", "user-agent", "header", "proxy", "timeout", "tries", "output-file",
          "post-data", "post-file",
        ]
        var v = inline
        if v == nil && takesValue.contains(name) {
          switch value(name) {
          case .success(let s): v = s
          case .failure(let e): return .failure(e)
          }
        }
        switch name {
        case "quiet": o.quiet = true
        case "spider": o.spider = true
        case "output-document": o.output = v
        case "directory-prefix": o.prefix = v
        case "user-agent": o.userAgent = v ?? o.userAgent
        case "header":
          if let h = v, let colon = h.firstIndex(of: ":") {
            o.headers[String(h[..<colon])] = String(h[h.index(after: colon)...]).trimmingLeadingSpaces
          }
        case "continue", "no-check-certificate", "server-response", "proxy", "timeout", "tries", "output-file",
          "post-data", "post-file", "no-verbose", "no-clobber", "no-cache", "passive-ftp":
          break
        default:
          return .failure(UsageError("wget: unrecognized option '\(a)'\n" + usage))
        }
        continue
      }
      guard a.hasPrefix("-"), a.count > 1 else {
        o.urls.append(a)
        continue
      }
      var flags = Substring(a.dropFirst())
      while let f = flags.popFirst() {
        switch f {
        case "q": o.quiet = true
        case "c", "S": break
        case "O", "o", "P", "Y", "U", "T", "t":
          var v = String(flags)
          flags = ""
          if v.isEmpty {
            switch value(String(f)) {
            case .success(let s): v = s
            case .failure(let e): return .failure(e)
            }
          }
          if f == "O" { o.output = v }
          if f == "P" { o.prefix = v }
          if f == "U" { o.userAgent = v }
        default:
          return .failure(UsageError("wget: invalid option -- '\(f)'\n" + usage))
        }
      }
    }
    return .success(o)
  }

  private static func splitLong(_ a: String) -> (String, String?) {
    let body = a.dropFirst(2)
    guard let eq = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<eq]), String(body[body.index(after: eq)...]))
  }

  static func run(_ args: [String], _ host: ShellHost) -> Shell.CommandResult {
    let options: Options
    switch parse(args) {
    case .success(let o): options = o
    case .failure(let e): return .done(1, "", e.text)
    }
    guard !options.urls.isEmpty else { return .done(1, "", usage) }
    var chunks: [Shell.Chunk] = []
    for url in options.urls {
      let code = download(url, options, host, into: &chunks)
      if code != 0 { return .streams(code, chunks) }
    }
    return .streams(0, chunks)
  }

  /// One URL: busybox resolves the host once, prints where it connects, fetches, and saves.
  private static func download(_ raw: String, _ o: Options, _ host: ShellHost, into out: inout [Shell.Chunk]) -> Int32 {
    func err(_ text: String) { out.append(.err(text)) }
    if let r = raw.range(of: "://"), !["http", "https"].contains(raw[..<r.lowerBound].lowercased()) {
      err("wget: not an http or ftp url: \(raw)\n")
      return 1
    }
    let url = raw.contains("://") ? raw : "http://" + raw
    let target = ClusterNetwork.parseURL(url)
    // Busybox keeps `host:port` as given in its messages.
    let hostPart = Shell.host(of: url).split(separator: "@").last.map(String.init) ?? target.host
    var headers = o.headers
    if headers["User-Agent"] == nil { headers["User-Agent"] = o.userAgent }
    guard let (trace, failure) = host.request(url, headers: headers) else {
      err("wget: bad address '\(hostPart)'\n")
      return 1
    }
    if case .unresolved = failure {
      err("wget: bad address '\(hostPart)'\n")
      return 1
    }
    if !o.quiet { err("Connecting to \(hostPart) (\(trace.address ?? target.host):\(target.port))\n") }
    if let failure {
      err(failure.wget + "\n")
      return 1
    }
    guard let response = trace.response else {
      err("wget: error getting response\n")
      return 1
    }
    guard (200..<300).contains(response.status) else {
      err("wget: server returned error: HTTP/1.1 \(response.status) \(HTTPStatusText.text(response.status))\n")
      return 1
    }
    if o.spider {
      if !o.quiet { err("remote file exists\n") }
      return 0
    }
    // The file: -O FILE (may overwrite), else the URL's last path component (must not exist).
    let toStdout = o.output == "-"
    var file = o.output ?? ""
    if o.output == nil {
      let last = target.path.split(separator: "?").first.map(String.init)?.split(separator: "/").last.map(String.init)
      file = (last?.isEmpty ?? true) || target.path.hasSuffix("/") ? "index.html" : last!
      if let prefix = o.prefix { file = prefix.hasSuffix("/") ? prefix + file : prefix + "/" + file }
      if host.readFile(file) != nil {
        err("wget: can't open '\(file)': File exists\n")
        return 1
      }
    }
    if !o.quiet { err(toStdout ? "writing to stdout\n" : "saving to '\(file)'\n") }
    if toStdout {
      out.append(.out(response.body))
    } else {
      host.writeFile(file, response.body, append: false)
    }
    if !o.quiet {
      let name = toStdout ? "-" : String(file.split(separator: "/").last ?? "")
      err(progressBar(name, size: response.body.utf8.count))
      err(toStdout ? "written to stdout\n" : "'\(file)' saved\n")
    }
    return 0
  }

  /// The progress bar's last line when stderr is not a terminal (`kubectl exec` without `-t`): the
  /// name in 20 columns, the percentage, a bar of 80 − 49 columns, the size, the ETA, a newline.
  /// Simulation: the transfer takes no time, so the ETA is 0.
  static func progressBar(_ name: String, size: Int) -> String {
    var shown = String(name.prefix(20))
    shown += String(repeating: " ", count: 20 - shown.count)
    var amount = size
    var scale = 0
    while amount >= 100_000 {
      amount >>= 10
      scale += 1
    }
    let unit = Array(" kMGTPEZY")[scale]
    let number = String(amount)
    return shown + " 100% |" + String(repeating: "*", count: 31) + "|"
      + String(repeating: " ", count: max(0, 6 - number.count)) + number + String(unit) + "  0:00:00 ETA\n"
  }
}

/// A command line the program refuses, with what it prints.
struct UsageError: Error {
  var text: String
  init(_ text: String) { self.text = text }
}

extension String {
  fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
