export { AppConfig, ConfigError, loadConfig } from './config';
export { AppConfigModule } from './config.module';
