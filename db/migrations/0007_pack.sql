-- Reserved for the pack feature; filled by its issue (kept so versions stay contiguous).
SELECT 1;
