// Golden transcripts of every shipped lesson's reference solution, in both languages:
// transcripts/lessons/LANG/FILE.json and .md are exactly what a fresh run of the solution records.
// `KUBELAB_UPDATE_GOLDEN=1 swift test --filter Golden` rewrites them.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct GoldenLessonTranscriptTests {
  static let sources = [[LessonFixtures.shipped]]
  static let catalog = LessonCatalog.load(sources: sources, knownCommands: Set(CommandRegistry.standard().names))

  /// `en/01-cluster-os`: the language and the lesson file's name without `.md`.
  static var names: [String] {
    LessonParser.languages.flatMap { language in
      catalog.lessons(language: language).map {
        "\(language)/" + URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent
      }
    }.sorted()
  }

  static func lesson(_ name: String) -> Lesson? {
    let parts = name.split(separator: "/").map(String.init)
    return catalog.lessons(language: parts[0]).first {
      URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent == parts[1]
    }
  }

  static var directory: String { TranscriptFiles.transcriptsDirectory + "/lessons" }

  @Test func everyShippedLessonHasAGoldenTranscriptInBothLanguages() throws {
    for language in LessonParser.languages {
      #expect(Self.names.filter { $0.hasPrefix("\(language)/") }.count >= 13, "\(language)")
      let stored = try FileManager.default.contentsOfDirectory(atPath: "\(Self.directory)/\(language)")
        .filter { $0.hasSuffix(".json") }.map { "\(language)/" + $0.dropLast(".json".count) }
      // No golden transcript of a lesson that is gone.
      #expect(Set(stored) == Set(Self.names.filter { $0.hasPrefix("\(language)/") }))
    }
  }

  @Test(arguments: names)
  func goldenLessonTranscriptMatchesAFreshRun(name: String) throws {
    let lesson = try #require(Self.lesson(name))
    let fresh = TranscriptSession.golden(lesson: lesson, sources: Self.sources)
    // The reference solution passes every step: the last command says the lesson is complete.
    #expect(fresh.commands.last?.lesson?.completed == true, "\(name): the solution does not complete the lesson")
    let parts = name.split(separator: "/").map(String.init)
    let problems = GoldenTranscript.check(fresh, name: parts[1], directory: "\(Self.directory)/\(parts[0])")
    #expect(problems == [])
    let json = try JSON.parse(TranscriptFiles.read("\(Self.directory)/\(name).json"))
    #expect(JSONSchemaSubset.validate(json, schema: try TranscriptFiles.schema) == [])
  }

  /// A teacher's check: the stored golden transcript of a lesson passes `replay --verify`, and a copy
  /// with one check result edited fails on that command.
  @Test func aLessonsGoldenTranscriptVerifiesAndAnEditedCopyDoesNot() throws {
    let path = "\(Self.directory)/zh/03-etcd.json"
    let stored = try TranscriptFile.parse(TranscriptFiles.read(path), path: path).transcript
    let prepare: (Session) -> Void = { $0.options.lessons = LessonSettings(sources: Self.sources, progressFile: nil) }
    #expect(TranscriptSession.verify(stored, prepare: prepare).difference == nil)
    var edited = stored
    let i = try #require(edited.commands.firstIndex { !($0.lesson?.checks.isEmpty ?? true) })
    edited.commands[i].lesson!.checks[0].passed.toggle()
    let d = try #require(TranscriptSession.verify(edited, prepare: prepare).difference)
    #expect(d.command == i + 1)
    #expect(d.what == "the lesson stands differently after it")
  }

  /// A handout speaks the lesson's language: Chinese headings for a Chinese lesson.
  @Test func handoutsSpeakTheLessonsLanguage() throws {
    let lesson = try #require(Self.catalog.lessons(language: "zh").first { $0.id == "first-tick" })
    let zh = TranscriptMarkdown.render(TranscriptSession.golden(lesson: lesson, sources: Self.sources))
    #expect(zh.contains("\n## 环境\n"))
    #expect(zh.contains("\n## 第 1 步：\(lesson.steps[0].title)\n"))
    #expect(zh.contains("\n检查：\n"))
    #expect(!zh.contains("## Setup"))
    let en = try #require(Self.catalog.lessons(language: "en").first { $0.id == "first-tick" })
    let english = TranscriptMarkdown.render(TranscriptSession.golden(lesson: en, sources: Self.sources))
    #expect(english.contains("\n## Setup\n"))
    #expect(english.contains("\n## Step 1: \(en.steps[0].title)\n"))
  }
}
