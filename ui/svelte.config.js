// Svelte compiles <script lang="ts"> itself; no preprocessing is needed.
export default {};
