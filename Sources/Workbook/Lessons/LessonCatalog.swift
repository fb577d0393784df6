// LessonCatalog: every lesson found in the lesson folders, with the problems of each file — what
// `lesson list` shows and what `kubelab lessons lint` reports.
import Foundation

public struct LessonCatalog: Sendable {
  /// One lesson file: the lesson read from it (when it could be read) and its problems.
  public struct Entry: Sendable {
    public var file: String
    public var lesson: Lesson?
    public var problems: [LessonProblem]
    /// The language it belongs to: its front matter's, else its folder's (`en/`, `zh/`).
    public var language: String?
    /// A lesson with no problems can be started.
    public var isUsable: Bool { lesson != nil && problems.isEmpty }
  }

  public private(set) var entries: [Entry] = []

  public init(entries: [Entry] = []) { self.entries = entries }

  /// Every problem of every file, sorted by file and line.
  public var problems: [LessonProblem] { entries.flatMap(\.problems).sorted() }

  /// Lessons that can be started, in file order.
  public func lessons(language: String) -> [Lesson] {
    entries.compactMap { $0.isUsable && $0.language == language ? $0.lesson : nil }
  }

  /// Files of this language (or of no known language) that have problems.
  public func malformed(language: String) -> [Entry] {
    entries.filter { !$0.isUsable && ($0.language == nil || $0.language == language) }
  }

  /// The lesson `id` in `language`, usable or not.
  public func entry(id: String, language: String) -> Entry? {
    entries.first { $0.lesson?.id == id && $0.language == language }
  }

  /// Every language that has a lesson `id`.
  public func languages(of id: String) -> [String] {
    LessonParser.languages.filter { entry(id: id, language: $0) != nil }
  }

  // MARK: - Loading

  /// Loads lessons from `sources`, each a list of files or folders (searched for `*.md`, README.md
  /// excepted). A lesson in an earlier source hides one with the same id and language in a later
  /// source (a teacher's copy overrides the shipped lesson); within one source, a repeated id is a
  /// problem. With `knownCommands`, console commands of other names are problems.
  public static func load(sources: [[String]], knownCommands: Set<String>? = nil) -> LessonCatalog {
    var catalog = LessonCatalog()
    var seen: Set<String> = []
    for paths in sources {
      var inSource: [String: Entry] = [:]
      let (files, missing) = lessonFiles(paths)
      for m in missing { catalog.entries.append(Entry(file: m.file, lesson: nil, problems: [m], language: nil)) }
      for file in files {
        var entry = read(file)
        if let lesson = entry.lesson, let language = entry.language, !lesson.id.isEmpty {
          let key = "\(language)/\(lesson.id)"
          if seen.contains(key) && inSource[key] == nil { continue }
          if let first = inSource[key], let firstLesson = first.lesson {
            entry.problems.append(
              LessonProblem(
                file: file, line: lesson.idLine,
                message: "duplicate id \"\(lesson.id)\" (also in \(first.file):\(firstLesson.idLine))"))
          } else {
            inSource[key] = entry
          }
        }
        catalog.entries.append(entry)
      }
      seen.formUnion(inSource.keys)
    }
    catalog.checkReferences(knownCommands: knownCommands)
    return catalog
  }

  /// Reads and parses one file.
  public static func read(_ file: String) -> Entry {
    guard let data = FileManager.default.contents(atPath: file) else {
      return Entry(
        file: file, lesson: nil, problems: [LessonProblem(file: file, line: 1, message: "cannot read the file")],
        language: folderLanguage(file))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return Entry(
        file: file, lesson: nil, problems: [LessonProblem(file: file, line: 1, message: "the file is not UTF-8 text")],
        language: folderLanguage(file))
    }
    let (lesson, problems) = LessonParser.parse(text, file: file)
    let language = lesson.flatMap { $0.language.isEmpty ? nil : $0.language } ?? folderLanguage(file)
    return Entry(file: file, lesson: lesson, problems: problems, language: language)
  }

  static func folderLanguage(_ file: String) -> String? {
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent
    return LessonParser.languages.contains(folder) ? folder : nil
  }

  /// The lesson files under `paths` (sorted within each folder), and problems for paths that do not exist.
  public static func lessonFiles(_ paths: [String]) -> (files: [String], missing: [LessonProblem]) {
    var files: [String] = []
    var missing: [LessonProblem] = []
    let fm = FileManager.default
    for path in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        missing.append(LessonProblem(file: path, line: 1, message: "no such file or directory"))
        continue
      }
      guard isDir.boolValue else {
        files.append(path)
        continue
      }
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      var found: [String] = []
      if let walker = fm.enumerator(atPath: base) {
        while let rel = walker.nextObject() as? String {
          let name = (rel as NSString).lastPathComponent
          guard name.hasSuffix(".md"), name.lowercased() != "readme.md", !name.hasPrefix(".") else { continue }
          found.append(base + "/" + rel)
        }
      }
      files += found.sorted()
    }
    return (files, missing)
  }

  // MARK: - Problems across files

  /// Unknown prerequisites, (with `knownCommands`) unknown console commands, and checks whose
  /// command would change the cluster.
  mutating func checkReferences(knownCommands: Set<String>?) {
    var ids: Set<String> = []
    for e in entries {
      if let l = e.lesson, let language = e.language { ids.insert("\(language)/\(l.id)") }
    }
    for i in entries.indices {
      guard let lesson = entries[i].lesson else { continue }
      let file = entries[i].file
      var found: [LessonProblem] = []
      for p in lesson.prerequisites where !ids.contains("\(entries[i].language ?? "")/\(p.text)") {
        found.append(LessonProblem(file: file, line: p.line, message: "unknown prerequisite \"\(p.text)\""))
      }
      /// Whether `c` is a known command (always, without `knownCommands`); reports it if not.
      func isKnown(_ c: ConsoleCommand, _ place: String) -> Bool {
        guard let known = knownCommands, !known.contains(c.name) else { return true }
        var m = "unknown console command \"\(c.name)\" in \(place)"
        if let near = Spelling.nearest(c.name, in: known.sorted()) { m += " (did you mean \"\(near)\"?)" }
        found.append(LessonProblem(file: file, line: c.sourceLine, message: m))
        return false
      }
      for c in lesson.setup { _ = isKnown(c, "setup") }
      for step in lesson.steps {
        for c in step.commands { _ = isKnown(c, "commands") }
        for c in step.solution { _ = isKnown(c, "solution") }
        for check in step.checks {
          guard case .command(let line, _) = check.kind else { continue }
          let c = ConsoleCommand(line: line, sourceLine: check.line)
          if isKnown(c, "a check"), let writer = ReadOnlyCommands.writer(line) {
            found.append(
              LessonProblem(
                file: file, line: check.line,
                message:
                  "a check may only read the cluster, but \"\(writer)\" changes it: checks run after every command"
                  + " and are not replayed; put it in setup or the solution (checks may run \(ReadOnlyCommands.summary))"
              ))
          }
        }
      }
      entries[i].problems = (entries[i].problems + found).sorted()
    }
  }
}
