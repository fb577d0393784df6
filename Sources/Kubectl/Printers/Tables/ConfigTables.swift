// ConfigTables: printers.go's tables for config maps, secrets and service accounts.
import KubeSim

enum ConfigTables {
  static let configMap = TableGenerator(columns: [TableColumn("Name"), TableColumn("Data"), TableColumn("Age")]) {
    o, _, now in
    guard let cm = o as? ConfigMap else { return [] }
    return [cm.metadata.name, String(cm.data.count + cm.binaryData.count), Cells.age(cm, now)]
  }

  static let secret = TableGenerator(
    columns: [TableColumn("Name"), TableColumn("Type"), TableColumn("Data"), TableColumn("Age")]
  ) { o, _, now in
    guard let s = o as? Secret else { return [] }
    return [s.metadata.name, s.type, String(s.data.count), Cells.age(s, now)]
  }

  static let serviceAccount = TableGenerator(columns: [TableColumn("Name"), TableColumn("Secrets"), TableColumn("Age")])
  { o, _, now in
    guard let sa = o as? ServiceAccount else { return [] }
    return [sa.metadata.name, String(sa.secrets.count), Cells.age(sa, now)]
  }
}
