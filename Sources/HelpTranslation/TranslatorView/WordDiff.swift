import HelpCore
/// A word-level diff of two texts for the translator view: the longest common run of words kept, the rest deleted
/// or inserted. Whitespace travels with the word before it, so joining the pieces gives back either text.
enum WordDiff {
    package enum Kind: Equatable {
        case same, deleted, inserted
    }

    struct Piece: Equatable {
        package var kind: Kind
        package var text: String
    }

    /// Above this many word pairs the diff is not worth its memory: the section is shown as all deleted, all inserted.
    static let maximumCells = 4_000_000

    package static func between(_ old: String, _ new: String) -> [Piece] {
        let before = words(old), after = words(new)
        guard before.count * after.count <= maximumCells else {
            return merged([Piece(kind: .deleted, text: old), Piece(kind: .inserted, text: new)])
        }
        // lengths[i][j]: the longest common subsequence of before[i...] and after[j...], compared without whitespace.
        let keyBefore = before.map(key), keyAfter = after.map(key)
        var lengths = Array(repeating: Array(repeating: 0, count: after.count + 1), count: before.count + 1)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                lengths[i][j] = keyBefore[i] == keyAfter[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pieces: [Piece] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, keyBefore[i] == keyAfter[j] {
                pieces.append(Piece(kind: .same, text: after[j]))
                i += 1
                j += 1
            } else if i < before.count, j == after.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Deletions first: the old words read before the new ones that replace them.
                pieces.append(Piece(kind: .deleted, text: before[i]))
                i += 1
            } else {
                pieces.append(Piece(kind: .inserted, text: after[j]))
                j += 1
            }
        }
        return merged(pieces)
    }

    /// Each word with the whitespace after it; leading whitespace is a piece of its own.
    package static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
            } else if inSpace {
                result.append(current)
                current = ""
                inSpace = false
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func key(_ word: String) -> Substring {
        word.prefix { !$0.isWhitespace }
    }

    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        for piece in pieces where !piece.text.isEmpty {
            if let last = result.last, last.kind == piece.kind {
                result[result.count - 1].text += piece.text
            } else {
                result.append(piece)
            }
        }
        return result
    }
}
