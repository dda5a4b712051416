/**
 * The functions Mixer 0.8's type checker knows (`mixer/pkg/lang/ast/func.go` intrinsics plus
 * `mixer/pkg/lang/externs.go` metadata). Operators are functions too: `==` is EQ, `|` is OR,
 * `m["k"]` is INDEX. Anything else the Go parser accepts (`<` -> LT, `!` -> NOT, `+` -> ADD)
 * has no entry here, hence "unknown function: NOT". 1.0 added LT/GT/ADD/conditional; 0.8 did not.
 */
import type { ValueType } from "./types.ts";

export interface FunctionMetadata {
  name: string;
  /** An instance method (`x.startsWith(y)`, `"re".matches(x)`). */
  instance: boolean;
  /** The receiver's type for instance methods; undefined means "any". */
  targetType?: ValueType;
  /** undefined = VALUE_TYPE_UNSPECIFIED: the type of the first such argument. */
  returnType?: ValueType;
  /** undefined entries are VALUE_TYPE_UNSPECIFIED: all of them must share one type. */
  argumentTypes: (ValueType | undefined)[];
}

const fn = (name: string, returnType: ValueType | undefined, argumentTypes: (ValueType | undefined)[], targetType?: ValueType): FunctionMetadata =>
  ({ name, instance: targetType !== undefined, targetType, returnType, argumentTypes });

export const FUNCTIONS_08: ReadonlyMap<string, FunctionMetadata> = new Map(
  [
    // intrinsics
    fn("EQ", "BOOL", [undefined, undefined]),
    fn("NEQ", "BOOL", [undefined, undefined]),
    fn("OR", undefined, [undefined, undefined]),
    fn("LOR", "BOOL", ["BOOL", "BOOL"]),
    fn("LAND", "BOOL", ["BOOL", "BOOL"]),
    fn("INDEX", "STRING", ["STRING_MAP", "STRING"]),
    // externs
    fn("ip", "IP_ADDRESS", ["STRING"]),
    fn("timestamp", "TIMESTAMP", ["STRING"]),
    fn("dnsName", "DNS_NAME", ["STRING"]),
    fn("email", "EMAIL", ["STRING"]),
    fn("uri", "URI", ["STRING"]),
    fn("match", "BOOL", ["STRING", "STRING"]),
    fn("matches", "BOOL", ["STRING"], "STRING"),
    fn("startsWith", "BOOL", ["STRING"], "STRING"),
    fn("endsWith", "BOOL", ["STRING"], "STRING"),
    fn("emptyStringMap", "STRING_MAP", []),
  ].map((f) => [f.name, f]),
);
