-- Reserved for the value feature; filled by its issue (kept so versions stay contiguous).
SELECT 1;
