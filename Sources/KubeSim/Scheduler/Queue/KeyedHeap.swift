// KeyedHeap: a binary heap whose items can also be found, updated and removed by key
// (upstream pkg/scheduler/backend/heap).

/// A min-heap under `less`, with an index from each item's key to its position.
struct KeyedHeap<Element> {
  private var items: [Element] = []
  private var positions: [String: Int] = [:]
  private let keyOf: (Element) -> String
  private let less: (Element, Element) -> Bool

  init(key: @escaping (Element) -> String, less: @escaping (Element, Element) -> Bool) {
    self.keyOf = key
    self.less = less
  }

  var count: Int { items.count }
  var isEmpty: Bool { items.isEmpty }
  /// The least item.
  var peek: Element? { items.first }

  func get(_ key: String) -> Element? { positions[key].map { items[$0] } }
  func contains(_ key: String) -> Bool { positions[key] != nil }

  /// Adds the item, or replaces the item with the same key and restores the order.
  mutating func addOrUpdate(_ item: Element) {
    let key = keyOf(item)
    if let i = positions[key] {
      items[i] = item
      if !siftUp(i) { siftDown(i) }
      return
    }
    items.append(item)
    positions[key] = items.count - 1
    siftUp(items.count - 1)
  }

  @discardableResult
  mutating func remove(_ key: String) -> Element? {
    guard let i = positions[key] else { return nil }
    let item = items[i]
    let last = items.count - 1
    if i != last {
      items.swapAt(i, last)
      positions[keyOf(items[i])] = i
    }
    items.removeLast()
    positions[key] = nil
    if i < items.count {
      if !siftUp(i) { siftDown(i) }
    }
    return item
  }

  mutating func pop() -> Element? {
    guard let first = items.first else { return nil }
    remove(keyOf(first))
    return first
  }

  /// Every item, in no particular order.
  var unordered: [Element] { items }

  @discardableResult
  private mutating func siftUp(_ start: Int) -> Bool {
    var i = start
    while i > 0 {
      let parent = (i - 1) / 2
      guard less(items[i], items[parent]) else { break }
      swap(i, parent)
      i = parent
    }
    return i != start
  }

  private mutating func siftDown(_ start: Int) {
    var i = start
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var smallest = i
      if l < items.count && less(items[l], items[smallest]) { smallest = l }
      if r < items.count && less(items[r], items[smallest]) { smallest = r }
      if smallest == i { return }
      swap(i, smallest)
      i = smallest
    }
  }

  private mutating func swap(_ a: Int, _ b: Int) {
    items.swapAt(a, b)
    positions[keyOf(items[a])] = a
    positions[keyOf(items[b])] = b
  }
}
