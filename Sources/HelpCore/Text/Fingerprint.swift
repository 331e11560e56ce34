/// FNV-1a, 64 bit: fingerprints of a page's inputs. A change detector, not a security measure.
package struct Fingerprint {
    package private(set) var value: UInt64 = 0xcbf29ce484222325

    package init() {}

    package mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100000001b3
        }
    }

    package mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
        add(UInt64(text.utf8.count))
    }

    package mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0.bindMemory(to: UInt8.self)) }
    }

    package mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { add($0) }
        add(UInt64(bytes.count))
    }
}
