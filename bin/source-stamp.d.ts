export declare const GENERATOR_DIR: string;
export declare const BUNDLE_DIR: string;
export declare function sourceStamp(): string;
