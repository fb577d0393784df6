// NaturalOrder: sorts names the way people read them (node-2 before node-10).

/// Compares strings treating runs of digits as numbers: `node-2` < `node-10`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
  var i = a.unicodeScalars.makeIterator()
  var j = b.unicodeScalars.makeIterator()
  var x = i.next()
  var y = j.next()
  while let cx = x, let cy = y {
    if cx.properties.numericType == .decimal && cy.properties.numericType == .decimal,
      cx.isASCII, cy.isASCII
    {
      var nx = ""
      var ny = ""
      while let c = x, c.isASCII, ("0"..."9").contains(c) {
        nx.unicodeScalars.append(c)
        x = i.next()
      }
      while let c = y, c.isASCII, ("0"..."9").contains(c) {
        ny.unicodeScalars.append(c)
        y = j.next()
      }
      let tx = nx.drop { $0 == "0" }
      let ty = ny.drop { $0 == "0" }
      if tx.count != ty.count { return tx.count < ty.count }
      if tx != ty { return tx < ty }
      if nx.count != ny.count { return nx.count < ny.count }
      continue
    }
    if cx != cy { return cx.value < cy.value }
    x = i.next()
    y = j.next()
  }
  return x == nil && y != nil
}
