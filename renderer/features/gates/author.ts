/** "Hanna Berg", or "Hanna Berg (entered by Sofia Lind for Hanna Berg)" when Sofia typed it on her copy for Hanna. */
export function authorText(person: string, enteredBy: string | null): string {
  return enteredBy ? `${person} (entered by ${enteredBy} for ${person})` : person;
}
