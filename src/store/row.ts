import type { SQLOutputValue } from "node:sqlite";
import { StoreError } from "./store-error.ts";

export type Row = Record<string, SQLOutputValue>;

function wrongType(column: string, value: SQLOutputValue, expected: string): StoreError {
  return new StoreError(
    "",
    "invalid",
    `column ${column}: expected ${expected}, got ${typeof value}`,
  );
}

export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== "number") throw wrongType(column, value ?? null, "an integer");
  return value;
}

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw wrongType(column, value ?? null, "text");
  return value;
}

export function textOrNull(row: Row, column: string): string | null {
  const value = row[column];
  return value == null ? null : text(row, column);
}

export function intOrNull(row: Row, column: string): number | null {
  const value = row[column];
  return value == null ? null : int(row, column);
}
