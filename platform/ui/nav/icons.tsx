'use client';
/** Icons metadata may name (objects, apps); anything else falls back to a generic one. */
import {
  AccountBookOutlined,
  AppstoreOutlined,
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  ContactsOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FundOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';

const ICONS: Record<string, React.ComponentType> = {
  AccountBookOutlined,
  AppstoreOutlined,
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  ContactsOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FundOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserAddOutlined,
};

/** The icon named in metadata (an object's or an app's). */
export function objectIcon(name?: string) {
  const C = (name && ICONS[name]) || AppstoreOutlined;
  return <C aria-hidden />;
}
