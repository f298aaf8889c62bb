import Foundation

/// A moment written the two ways SigV4 needs: `20150830T123600Z` and `20150830`, always in UTC.
public struct SigV4Timestamp: Sendable, Equatable {
    /// `yyyyMMdd'T'HHmmss'Z'`, the X-Amz-Date value.
    public var dateTime: String
    /// `yyyyMMdd`, the credential scope's date.
    public var date: String

    public init(_ moment: Date) {
        // gmtime_r rather than a DateFormatter: no locale or calendar surprises, and far cheaper per call.
        var seconds = time_t(moment.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        date = pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2)
        dateTime = date + "T" + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
    }
}
